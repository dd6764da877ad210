from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from irtiqaa.lib.decorators import AuthedRequest


def home(request: AuthedRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("login")
    if request.user.does_casework:
        return redirect("today:day")
    return render(request, "home.html", {"nav": "home"})


def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers: the process answers and the database too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
