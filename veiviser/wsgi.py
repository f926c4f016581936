"""The WSGI entry point that granian serves (`python -m veiviser.serve`)."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "veiviser.settings")
django_application = get_wsgi_application()

# Imported once Django is set up: they read settings and the snapshot.
from veiviser.web.admission import Admission  # noqa: E402
from veiviser.web.forwarded import TrustedProxy, trusted_networks  # noqa: E402
from veiviser.web.page_cache import PageCache  # noqa: E402

# Outermost, a request's body is read before it may run Python, and only a few run at
# once (veiviser.web.admission); a proxy's headers are believed only from
# FORWARDED_ALLOW_IPS; then public pages already answered are answered again from
# memory, in front of Django.
application = Admission(
    TrustedProxy(PageCache(django_application), trusted_networks(settings.FORWARDED_ALLOW_IPS)),
    max_body=settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
)
