from django.urls import path

from veiviser.pages import views

urlpatterns = [
    path("", views.home, name="home"),
    path("topics/<slug:topic_id>/", views.topic, name="topic"),
    path("services/", views.directory, name="directory"),
    path("services/<slug:service_id>/", views.service, name="service"),
    path("browse-safely/", views.browse_safely, name="browse-safely"),
    path("privacy/", views.privacy, name="privacy"),
]
