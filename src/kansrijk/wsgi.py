import os
import sys

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

# gunicorn names itself here before it loads the app. Without kansrijk's configuration it would
# believe X-Forwarded-Proto from 127.0.0.1 and call plain HTTP secure behind our back (see
# kansrijk/gunicorn_conf.py), so the app refuses to start rather than skip the HTTPS redirect.
if os.environ.get("SERVER_SOFTWARE", "").startswith("gunicorn/") and (
    "kansrijk.gunicorn_conf" not in sys.modules
):
    raise ImproperlyConfigured(
        "Start gunicorn with kansrijk's configuration: "
        "gunicorn -c python:kansrijk.gunicorn_conf kansrijk.wsgi"
    )

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kansrijk.settings")
application = get_wsgi_application()
