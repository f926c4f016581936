from django.apps import AppConfig


class GuideConfig(AppConfig):
    """The guide: questions that give a personal help plan."""

    name = "veiviser.guide"

    def ready(self) -> None:
        # The content package must not depend on the guide, so the guide adds its own
        # check of guide.yaml to the checks run before loading and publishing, and the
        # dates its steps were checked on to the list of overdue checks.
        from veiviser.content.validation import GUIDE_CHECKS, GUIDE_DATES
        from veiviser.guide.checks import check, dates

        if check not in GUIDE_CHECKS:
            GUIDE_CHECKS.append(check)
        if dates not in GUIDE_DATES:
            GUIDE_DATES.append(dates)
