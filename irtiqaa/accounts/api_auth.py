import datetime

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from irtiqaa.accounts.models import ApiToken, User

# Recording every use would turn each read into a write; once in a while is enough.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=5)


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        try:
            api_token = ApiToken.objects.select_related("user__unit").get(
                digest=ApiToken.digest_of(token), revoked_at__isnull=True
            )
        except ApiToken.DoesNotExist:
            return None
        user = api_token.user
        if not user.is_active:
            return None
        now = timezone.now()
        if api_token.last_used_at is None or now - api_token.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.user = user
        return user
