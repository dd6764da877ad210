from django.urls import path

from irtiqaa.workshops import views

app_name = "workshops"

urlpatterns = [
    path("", views.workshop_list, name="list"),
    path("new/", views.workshop_create, name="create"),
    path("<int:pk>/", views.workshop_detail, name="detail"),
    path("<int:pk>/edit/", views.workshop_edit, name="edit"),
    path("<int:pk>/cancel/", views.workshop_cancel, name="cancel"),
    path("<int:pk>/invite/", views.workshop_invite, name="invite"),
    path("<int:pk>/attendance/", views.workshop_attendance, name="attendance"),
    path("<int:pk>/attendance-sheet.pdf", views.attendance_sheet, name="sheet"),
    path("invitations/<int:pk>/remove/", views.invitation_remove, name="invitation_remove"),
]
