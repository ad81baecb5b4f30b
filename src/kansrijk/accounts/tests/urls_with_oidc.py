"""The site's URLs with single sign-on switched on, as when OIDC_RP_CLIENT_ID is set."""

from django.urls import include, path

from kansrijk.accounts.urls import oidc_patterns
from kansrijk.urls import urlpatterns as site_patterns

urlpatterns = [path("oidc/", include(oidc_patterns)), *site_patterns]
