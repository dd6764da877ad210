from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from irtiqaa.accounts.services import login_failure_record, login_locked_out
from irtiqaa.audit.models import AuditEvent
from irtiqaa.audit.services import audit_record


class ThrottledAuthenticationForm(AuthenticationForm):
    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        if username and login_locked_out(username):
            raise ValidationError(
                _("Too many failed attempts for this account. Wait 15 minutes and try again."),
                code="locked_out",
            )
        return super().clean()


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True
    authentication_form = ThrottledAuthenticationForm

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        audit_record(actor=self.request.user, action=AuditEvent.Action.LOGIN, obj=self.request.user)
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        # The cleaned username, as authentication and the lockout read it (" advisor" is "advisor").
        login_failure_record(form.cleaned_data.get("username") or "")
        return super().form_invalid(form)


class LogoutView(auth_views.LogoutView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            audit_record(actor=request.user, action=AuditEvent.Action.LOGOUT, obj=request.user)
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You are logged out."))
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change.html"
    extra_context = {"title": _("Change password")}

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        audit_record(
            actor=self.request.user,
            action=AuditEvent.Action.UPDATE,
            obj=self.request.user,
            changed_fields=["password"],
        )
        return response


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "registration/password_change_done.html"
