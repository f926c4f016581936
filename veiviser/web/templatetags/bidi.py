"""`{{ text|isolate_numbers }}`: a plain text whose numbers keep their order in
right-to-left pages (hours, notes: "+47", "16:15-22:45"). See markup.isolate_numbers."""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from veiviser.content.markup import isolate_numbers as isolate

register = template.Library()


@register.filter
def isolate_numbers(value: object) -> SafeString:
    # conditional_escape keeps an English fallback's own marking (records.English).
    return mark_safe(isolate(str(conditional_escape(value))))  # noqa: S308 - escaped above
