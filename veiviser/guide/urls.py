from django.urls import path

from veiviser.guide import views

urlpatterns = [
    path("", views.guide, name="guide"),
]
