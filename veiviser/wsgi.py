"""The WSGI entry point that gunicorn serves (see veiviser/gunicorn_conf.py)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "veiviser.settings")
django_application = get_wsgi_application()

from veiviser.web.page_cache import PageCache  # noqa: E402 - once Django is set up

# Public pages already answered are answered again from memory, in front of Django.
application = PageCache(django_application)
