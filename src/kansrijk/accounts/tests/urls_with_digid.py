"""The site's URLs with DigiD switched on, as when DIGID_OIDC_RP_CLIENT_ID is set."""

from django.urls import include, path

from kansrijk.accounts.urls import digid_patterns
from kansrijk.urls import urlpatterns as site_patterns

urlpatterns = [path("digid/", include(digid_patterns())), *site_patterns]
