from django.apps import AppConfig


class PagesConfig(AppConfig):
    """The information pages and the directory."""

    name = "veiviser.pages"
