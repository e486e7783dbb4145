"""The editors' start page: the admin's index with what waits for the person who logs in.

Here, in the project layer, because it shows both the publishing core's unpublished changes and
the translations app's states, and only this layer may import both (docs/architecture.md).
Every list is a fixed number of queries, whatever the amount of content.
"""

from dataclasses import dataclass

from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from reversion.models import Version

from publishing import registry
from publishing.models import Status, WorkingCopy
from publishing.workingcopies import may_review
from translations.status import State, statuses_with_parts

LIMIT = 10


@dataclass(frozen=True)
class Entry:
    label: str
    url: str
    kind: str
    detail: object = None


def _admin_url(obj, view="change"):
    try:
        return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_{view}", args=[obj.pk])
    except NoReverseMatch:
        return ""


def _copy_entries(copies, detail=lambda copy: copy.updated_at):
    return [
        Entry(
            str(copy.item),
            _admin_url(copy.item, "changes"),
            copy.item._meta.verbose_name,
            detail(copy),
        )
        for copy in copies
        if copy.item is not None
    ]


def _scheduled_items(now):
    """Published items that appear or go offline by themselves at a moment to come."""
    entries = []
    for model in registry.publishable_models():
        upcoming = model._default_manager.filter(status=Status.PUBLISHED, publish_from__gt=now)
        ending = model._default_manager.filter(status=Status.PUBLISHED, publish_until__gt=now)
        for obj in upcoming[:LIMIT]:
            entries.append(
                Entry(str(obj), _admin_url(obj), model._meta.verbose_name, obj.publish_from)
            )
        for obj in ending[:LIMIT]:
            entries.append(
                Entry(str(obj), _admin_url(obj), model._meta.verbose_name, obj.publish_until)
            )
    return entries


def _outdated_translations():
    top_level = [entry.model for entry in registry.content_types() if not entry.part_of]
    entries = []
    for model in top_level:
        found = statuses_with_parts(model._default_manager.all(), registry.target_languages())
        for (_model, _pk), field_statuses in found.items():
            outdated = [s for s in field_statuses if s.state == State.OUTDATED]
            if outdated:
                item = registry.owner(outdated[0].obj)
                entries.append(
                    Entry(str(item), _admin_url(item), model._meta.verbose_name, len(outdated))
                )
    return entries[: LIMIT * 2]


def dashboard(user):
    now = timezone.now()
    copies = WorkingCopy.objects.select_related("content_type", "author").prefetch_related("item")
    waiting = copies.filter(state=WorkingCopy.State.IN_REVIEW).order_by("updated_at")
    scheduled_copies = copies.filter(state=WorkingCopy.State.APPROVED).order_by("publish_at")
    recent = (
        Version.objects.filter(content_type__in=_content_type_ids())
        .select_related("revision__user", "content_type")
        .order_by("-revision__date_created")[:LIMIT]
    )
    return {
        "waiting_for_review": _copy_entries(waiting[:LIMIT]) if may_review(user) else None,
        "my_drafts": _copy_entries(
            copies.filter(author=user).exclude(state=WorkingCopy.State.APPROVED)[:LIMIT],
            detail=lambda copy: copy.get_state_display(),
        ),
        "scheduled": _copy_entries(scheduled_copies[:LIMIT], detail=lambda copy: copy.publish_at)
        + sorted(_scheduled_items(now), key=lambda entry: entry.detail),
        "recently_published": [
            Entry(
                version.object_repr,
                _version_url(version),
                version.content_type.name,
                version.revision.date_created,
            )
            for version in recent
        ],
        "outdated_translations": _outdated_translations(),
    }


def _content_type_ids():
    from django.contrib.contenttypes.models import ContentType

    models = [entry.model for entry in registry.content_types() if not entry.part_of]
    return [ct.pk for ct in ContentType.objects.get_for_models(*models).values()]


def _version_url(version):
    try:
        return reverse(
            f"admin:{version.content_type.app_label}_{version.content_type.model}_change",
            args=[version.object_id],
        )
    except NoReverseMatch:
        return ""


def index(request, extra_context=None):
    """The admin's index, with the start page above the list of models."""
    return admin.site.index(
        request, {**(extra_context or {}), "dashboard": dashboard(request.user)}
    )
