"""The staff area: Django's admin, as a site of its own under /staff/.

Why Django's admin: it is maintained with Django itself (security fixes in the same
release), it already has accessible forms, lists, filters, CSRF protection and
translations into Norwegian, and every screen here is a list or a form over our own
models. Changing it is a matter of permissions and of what "save" means (a proposal).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from veiviser.staff import roles
from veiviser.staff.forms import StaffLoginForm


class StaffSite(admin.AdminSite):
    site_header = _("Veiviser staff")
    site_title = _("Veiviser staff")
    index_title = _("Dashboard")
    site_url = None  # no "view site" link: the staff host may not be the public one
    login_form = StaffLoginForm
    login_template = "staff/login.html"
    index_template = "staff/dashboard.html"
    # The admin's "recent actions" and LogEntry are not used: the audit trail is.
    enable_nav_sidebar = False

    def has_permission(self, request: HttpRequest) -> bool:
        """Signed in with both factors (django_otp's is_verified), and holding a role."""
        user = request.user
        return bool(
            user.is_active and user.is_verified() and roles.is_staff_member(user)  # type: ignore[union-attr]
        )

    def get_urls(self) -> list[Any]:
        from veiviser.staff import views

        mine: list[URLPattern] = [
            path("proposals/<int:pk>/review/", self.admin_view(views.review), name="review"),
            path("proposals/decide/", self.admin_view(views.decide), name="decide"),
            path("rollback/", self.admin_view(views.rollback), name="rollback"),
            path("checked/<str:model>/<int:pk>/", self.admin_view(views.checked), name="checked"),
            path("audit.csv", self.admin_view(views.audit_csv), name="audit_csv"),
            path("translations/<str:code>.po", self.admin_view(views.po_export), name="po_export"),
            path("translations/import/", self.admin_view(views.po_import), name="po_import"),
            path(
                "languages/<str:code>/reviewed/",
                self.admin_view(views.language_reviewed),
                name="language_reviewed",
            ),
        ]
        return mine + super().get_urls()

    def index(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        from veiviser.staff import views

        return super().index(request, {**(extra_context or {}), **views.dashboard(request)})


site = StaffSite(name="staff")
