from django.apps import AppConfig


class GuideConfig(AppConfig):
    """The guide: questions that give a personal help plan."""

    name = "veiviser.guide"

    def ready(self) -> None:
        # The content package must not depend on the guide, so the guide adds its own
        # check of guide.yaml to the checks run before loading and publishing.
        from veiviser.content.validation import GUIDE_CHECKS
        from veiviser.guide.checks import check

        if check not in GUIDE_CHECKS:
            GUIDE_CHECKS.append(check)
