"""Every public address starts with its language: /en/, /nb/, ... — never a cookie."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from veiviser.guide.api import api
from veiviser.staff.site import site as staff_site
from veiviser.web import discovery
from veiviser.web import views as web_views

urlpatterns = [
    path("", web_views.root, name="root"),
    path("robots.txt", discovery.robots, name="robots"),
    path("sitemap.xml", discovery.sitemap, name="sitemap"),
    path("favicon.ico", discovery.favicon, name="favicon"),
    path("api/v1/", api.urls),
    # Open data: the directory in Open Referral HSDS 3.0 (no language prefix: ?lang=).
    path("hsds/", include("veiviser.opendata.urls")),
    # The editorial system (Django's admin, with a second factor): its own header and
    # cookie policy (veiviser.web.headers), only on STAFF_HOSTS when set.
    path("staff/", staff_site.urls),
]
urlpatterns += i18n_patterns(
    path("", include("veiviser.pages.urls")),
    path("guide/", include("veiviser.guide.urls")),
    path("frontline/", include("veiviser.frontline.urls")),
    prefix_default_language=True,
)

handler404 = web_views.not_found
handler500 = web_views.server_error
