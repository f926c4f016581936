from django.apps import AppConfig


class WebConfig(AppConfig):
    """The layout, headers, access log and quick exit that every page shares."""

    name = "veiviser.web"
