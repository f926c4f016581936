from django.urls import path

from veiviser.frontline import views

urlpatterns = [
    path("", views.checklist, name="frontline"),
    path("show/<slug:person_lang>/", views.show, name="frontline-show"),
]
