from django.urls import path

from veiviser.pages import views

urlpatterns = [
    path("", views.home, name="home"),
    path("browse-safely/", views.browse_safely, name="browse-safely"),
    path("privacy/", views.privacy, name="privacy"),
]
