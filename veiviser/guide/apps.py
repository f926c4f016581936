from django.apps import AppConfig


class GuideConfig(AppConfig):
    """The guide: questions that give a personal help plan."""

    name = "veiviser.guide"
