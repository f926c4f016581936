from django.apps import AppConfig


class FrontlineConfig(AppConfig):
    """The frontline checklist for professionals, and the page shown to the person."""

    name = "veiviser.frontline"

    def ready(self) -> None:
        # As the guide does: the content package must not depend on this feature, so it
        # adds its own check of frontline.yaml, and its dates, to content validation.
        from veiviser.content.validation import GUIDE_CHECKS, GUIDE_DATES
        from veiviser.frontline.checks import check, dates

        if check not in GUIDE_CHECKS:
            GUIDE_CHECKS.append(check)
        if dates not in GUIDE_DATES:
            GUIDE_DATES.append(dates)
        # Its pages in the sitemap: the checklist, and the person's page in each language.
        from veiviser.frontline.views import page_paths
        from veiviser.web.discovery import MORE_PAGES

        if page_paths not in MORE_PAGES:
            MORE_PAGES.append(page_paths)
