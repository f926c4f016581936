"""The editable knowledge base, in the database.

Editors (today the seed loader; later the editorial system, where each organisation
edits its own entries under review) write here. Readers never see these tables: a
public page reads only the published, immutable snapshot (veiviser.content.snapshot).
Texts are JSON objects {language code: text}, so a new language needs no migration.
"""

from __future__ import annotations

from django.db import models


class ContentLanguage(models.Model):
    code = models.CharField(max_length=12, unique=True)
    status = models.CharField(max_length=10)  # source | machine | reviewed
    position = models.PositiveIntegerField(default=0)
    # The rest of the registry entry (name, direction, reviewer, notes) and the language's
    # never-say phrases, as records.Language holds them: read and written whole.
    details = models.JSONField(default=dict)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.code


class Source(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=300)
    section = models.CharField(max_length=300, blank=True)
    url = models.URLField(max_length=500, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.slug


class Sourced(models.Model):
    """Fields every fact-bearing record has: its sources and when it was last checked."""

    slug = models.SlugField(max_length=80, unique=True)
    sources = models.JSONField(default=list)  # ids of Source
    verified_on = models.DateField()
    notes = models.TextField(blank=True)  # for editors; never shown to readers
    position = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position"]

    def __str__(self) -> str:
        return self.slug


class Organisation(Sourced):
    name = models.JSONField()
    description = models.JSONField()
    website = models.URLField(max_length=300, blank=True)
    authority = models.BooleanField()


class Service(Sourced):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    name = models.JSONField()
    description = models.JSONField()
    audience = models.CharField(max_length=10)  # adults | children | everyone
    anonymous = models.BooleanField(null=True)  # null: the source does not say
    free = models.BooleanField(null=True)
    interpreter = models.BooleanField(null=True)
    languages = models.JSONField(default=list)
    open_24_7 = models.BooleanField(null=True)
    hours = models.JSONField(null=True, blank=True)


class Channel(models.Model):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="channels")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=10)  # phone | sms | email | chat | web | visit
    value = models.CharField(max_length=300)
    label = models.JSONField()
    hours = models.JSONField(null=True, blank=True)
    note = models.JSONField(null=True, blank=True)
    # A number phonenumbers' metadata does not know: {reason, source, reviewed_on}.
    exception = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["service", "position"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.value}"


class Topic(Sourced):
    title = models.JSONField()
    summary = models.JSONField()
    body = models.JSONField()
    services = models.JSONField(default=list)  # ids of Service, in the order shown


class GuideText(models.Model):
    """The guide's questions and step texts, as one JSON document (content/guide.yaml)."""

    data = models.JSONField(default=dict)

    def __str__(self) -> str:
        return "guide texts"


class FrontlineText(models.Model):
    """The frontline checklist's texts, as one JSON document (content/frontline.yaml)."""

    data = models.JSONField(default=dict)

    def __str__(self) -> str:
        return "frontline texts"


class Snapshot(models.Model):
    """A published, immutable version of the whole content. The highest version is current.

    Publishing inserts one row in one statement: a process that dies midway leaves the
    previous version current. Rolling back publishes an old version's data again.
    """

    version = models.PositiveIntegerField(primary_key=True)
    published_at = models.DateTimeField()
    data = models.TextField()  # the JSON of veiviser.content.snapshot.Snapshot
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"snapshot {self.version}"
