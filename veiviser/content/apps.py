from django.apps import AppConfig


class ContentConfig(AppConfig):
    """The knowledge model, its seed loader, its checks and the published snapshot."""

    name = "veiviser.content"
