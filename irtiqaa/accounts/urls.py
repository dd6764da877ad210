from django.contrib.auth.decorators import login_required
from django.urls import path

from irtiqaa.accounts import views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", login_required(views.PasswordChangeView.as_view()), name="password_change"),
    path(
        "password/done/",
        login_required(views.PasswordChangeDoneView.as_view()),
        name="password_change_done",
    ),
]
