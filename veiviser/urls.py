"""Every public address starts with its language: /en/, /nb/, ... — never a cookie."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from veiviser.web import views as web_views

urlpatterns = [
    path("", web_views.root, name="root"),
]
urlpatterns += i18n_patterns(
    path("", include("veiviser.pages.urls")),
    prefix_default_language=True,
)

handler404 = web_views.not_found
handler500 = web_views.server_error
