"""The WSGI entry point that gunicorn serves (see veiviser/gunicorn_conf.py)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "veiviser.settings")

application = get_wsgi_application()
