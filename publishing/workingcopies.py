"""Working copies: a change to a live item is prepared, previewed and reviewed apart from it, and
reaches visitors only when it is published (now, or at a scheduled moment).

Only live items get one: a published item (any ``Publishable`` with status "published") or an
item without a state (the mission, always on the site). A draft item is edited directly, as
before. A working copy holds the item's field values that differ from the live item (in every
language) and its parts (a mission's lines), as plain JSON. Its order among its siblings is not
part of it, so a change published later does not move the item back to where it was when the
change began.

Publishing goes through ``writes.save_content``: the change gets the next version, a history
revision, a translation status and fresh caches like any other write. A copy made from an older
version than the live one (someone published or restored in between) is refused, with a message.

Review (four eyes) is switched on per site with ``DJANGO_REVIEW_REQUIRED``: a Redacteur then
submits a copy for review and an Eindredacteur (the permission ``publishing.review_workingcopy``)
publishes it or sends it back with a comment. Everyone involved is told by e-mail.
"""

import json
import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .changes import record_change_note
from .models import Publishable, Status, Versioned, WorkflowStep, WorkingCopy
from .registry import entry_for
from .writes import delete_content, revision, save_content

logger = logging.getLogger(__name__)

REVIEW_PERMISSION = "publishing.review_workingcopy"
# Not part of a change: the position among siblings (dragged in the list, independently).
NOT_COPIED = {"order"}

STALE_COPY_MESSAGE = _(
    "The live page was changed after these changes were started, so publishing them would undo "
    "that newer change. Open the item, compare, and save your changes again on top of the "
    "current version."
)

Action = WorkflowStep.Action
State = WorkingCopy.State


def review_required():
    return settings.REVIEW_REQUIRED


def may_review(user):
    return bool(user and user.is_active and user.has_perm(REVIEW_PERMISSION))


def may_publish(user):
    """With review off, whoever may change an item publishes its changes; with review on, only
    a reviewer (Eindredacteur) may."""
    return not review_required() or may_review(user)


def is_live(obj):
    """Whether a change to ``obj`` must go through a working copy."""
    if obj is None or obj.pk is None or not isinstance(obj, Versioned):
        return False
    entry = entry_for(type(obj))
    if entry is None or entry.part_of:
        return False
    if isinstance(obj, Publishable):
        stored = type(obj)._base_manager.filter(pk=obj.pk).values_list("status", flat=True)
        return stored.first() == Status.PUBLISHED
    return True


def _copied_fields(model, *, with_order=False, without=()):
    # Fields the admin does not edit are content too (a header image's renditions); the
    # bookkeeping (version, timestamps) is the write path's.
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key
        and field.name != "version"
        and not getattr(field, "auto_now", False)
        and not getattr(field, "auto_now_add", False)
        and (with_order or field.name not in NOT_COPIED)
        and field.name not in without
    ]


def _encode(value):
    # A file field gives its stored name; dates and decimals as DjangoJSONEncoder writes them.
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def snapshot(obj, **options):
    return {
        field.attname: _encode(field.value_from_object(obj))
        for field in _copied_fields(type(obj), **options)
    }


def apply_values(obj, values, **options):
    for field in _copied_fields(type(obj), **options):
        if field.attname in values:
            raw = values[field.attname]
            value = raw if isinstance(field, models.FileField) else field.to_python(raw)
            setattr(obj, field.attname, value)
    return obj


def _part_relations(obj):
    """{accessor: (part model, the part's foreign key to obj)} for the items edited inside obj."""
    entry = entry_for(type(obj))
    relations = {}
    for accessor in entry.parts if entry else ():
        related = getattr(type(obj), accessor).rel
        relations[accessor] = (related.related_model, related.field.name)
    return relations


def parts_snapshot(accessor, model, owner_field, instances):
    rows = [
        {"pk": part.pk, **snapshot(part, with_order=True, without={owner_field})}
        for part in instances
    ]
    return sorted(rows, key=lambda row: (row.get("order") or 0, row["pk"] or 0))


def parts_of(obj):
    """The accessors of the items edited inside ``obj`` (``["lines"]`` for a mission)."""
    return list(_part_relations(obj))


def part_differences(obj, copy):
    """The differences between ``obj``'s live parts and the working copy's, per part type."""
    from .compare import compare_parts

    rows = []
    for accessor, (model, owner_field) in _part_relations(obj).items():
        if accessor in copy.parts:
            live = parts_snapshot(accessor, model, owner_field, getattr(obj, accessor).all())
            rows += compare_parts(model, live, copy.parts[accessor])
    return rows


def draft_parts(obj, copy, accessor):
    """The parts of ``obj`` as the working copy has them: unsaved instances, in order."""
    model, owner_field = _part_relations(obj)[accessor]
    live = {part.pk: part for part in getattr(obj, accessor).all()}
    result = []
    for row in copy.parts[accessor]:
        part = live.get(row["pk"]) or model(**{owner_field: obj})
        apply_values(part, row, with_order=True, without={owner_field})
        result.append(part)
    return result


def _prefetched(model, instances):
    """A queryset that is already evaluated: templates calling ``.all()`` get these rows."""
    queryset = model._default_manager.none()
    queryset._result_cache = list(instances)
    queryset._prefetch_done = True
    return queryset


def copy_for(obj):
    if obj is None or obj.pk is None:
        return None
    return (
        WorkingCopy.objects.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
        )
        .select_related("author")
        .first()
    )


def overlay(obj, copy):
    """``obj`` as it will be once ``copy`` is published (in memory; nothing is saved)."""
    apply_values(obj, copy.values)
    cache = getattr(obj, "_prefetched_objects_cache", None)
    if cache is None:
        obj._prefetched_objects_cache = cache = {}
    for accessor, (model, _owner_field) in _part_relations(obj).items():
        if accessor in copy.parts:
            cache[accessor] = _prefetched(model, draft_parts(obj, copy, accessor))
    obj.working_copy = copy
    return obj


def _log(obj_or_copy, user, action, comment=""):
    if isinstance(obj_or_copy, WorkingCopy):
        content_type, object_id = obj_or_copy.content_type, obj_or_copy.object_id
    else:
        content_type = ContentType.objects.get_for_model(type(obj_or_copy))
        object_id = obj_or_copy.pk
    WorkflowStep.objects.create(
        content_type=content_type,
        object_id=object_id,
        user=user if user and user.is_authenticated else None,
        action=action,
        comment=comment,
    )


def _store_new_files(obj):
    """A new upload is written to storage now (a save would do it), so the copy can name it."""
    for field in type(obj)._meta.concrete_fields:
        if isinstance(field, models.FileField):
            file = getattr(obj, field.attname)
            if file and not file._committed:
                file.save(file.name, file.file, save=False)


def save_draft(obj, *, user, parts=None, fields=None, change_note=None):
    """Keep ``obj``'s unsaved field values (and ``parts``: {accessor: [instances]}) as its
    working copy; the live row is not touched. A copy sent for review goes back to draft.

    ``fields``: only these (attribute names) changed, in a form that showed the live values
    (a topic's row in its theme's form): they are merged into the item's working copy.
    """
    with transaction.atomic():
        live = type(obj)._base_manager.get(pk=obj.pk)
        copy = copy_for(obj)
        _store_new_files(obj)
        live_values, values = snapshot(live), snapshot(obj)
        if copy is None:
            copy = WorkingCopy(
                content_type=ContentType.objects.get_for_model(type(obj)),
                object_id=obj.pk,
                base_version=live.version,
            )
        if fields is None:
            # The form was checked against the live version (optimistic lock) and showed the
            # draft on top of it: the copy now starts from that version, and holds only what
            # differs, so a colleague's newer change to another field is not undone when this
            # one is published.
            copy.base_version = live.version
            copy.values = {
                name: value for name, value in values.items() if live_values.get(name) != value
            }
        else:
            for name in set(fields) & values.keys():
                if values[name] == live_values.get(name):
                    copy.values.pop(name, None)
                else:
                    copy.values[name] = values[name]
        for accessor, (model, owner_field) in _part_relations(obj).items():
            if parts and accessor in parts:
                copy.parts[accessor] = parts_snapshot(accessor, model, owner_field, parts[accessor])
            elif accessor not in copy.parts:
                copy.parts[accessor] = parts_snapshot(
                    accessor, model, owner_field, getattr(obj, accessor).all()
                )
        if change_note is not None and change_note.get("significant_change"):
            copy.change_note = change_note
        copy.author = user
        copy.state = State.DRAFT
        copy.publish_at = None
        copy.save()
        _log(copy, user, Action.SAVED)
    return copy


def submit(copy, *, user, base_url=""):
    if copy.state != State.DRAFT:
        raise ValidationError(_("These changes are already waiting for review."), code="state")
    copy.state = State.IN_REVIEW
    copy.review_comment = ""
    copy.save(update_fields=["state", "review_comment", "updated_at"])
    _log(copy, user, Action.SUBMITTED)
    _tell(
        reviewers(exclude=user),
        _("Changes to “%(item)s” wait for your review"),
        _("%(user)s asks you to review the changes to “%(item)s”:\n%(url)s"),
        copy,
        user,
        base_url,
    )


def send_back(copy, *, user, comment, base_url=""):
    if not may_review(user):
        raise PermissionDenied
    if not comment.strip():
        raise ValidationError(
            _("Say what should change before you send the changes back."), code="comment"
        )
    copy.state = State.DRAFT
    copy.review_comment = comment
    copy.publish_at = None
    copy.save(update_fields=["state", "review_comment", "publish_at", "updated_at"])
    _log(copy, user, Action.SENT_BACK, comment)
    _tell(
        [copy.author] if copy.author else [],
        _("Your changes to “%(item)s” were sent back"),
        _(
            "%(user)s sent your changes to “%(item)s” back with this comment:"
            "\n\n%(comment)s\n\n%(url)s"
        ),
        copy,
        user,
        base_url,
        comment=comment,
    )


def schedule(copy, *, user, at, base_url=""):
    """Publish ``copy`` at ``at`` (``publish_due`` applies it, see the management command)."""
    if not may_publish(user):
        raise PermissionDenied
    if at <= timezone.now():
        raise ValidationError(_("Choose a moment in the future."), code="past")
    copy.state = State.APPROVED
    copy.publish_at = at
    copy.save(update_fields=["state", "publish_at", "updated_at"])
    _log(copy, user, Action.SCHEDULED, timezone.localtime(at).strftime("%Y-%m-%d %H:%M"))
    _notify_author(copy, user, base_url)


def publish(copy, *, user, base_url=""):
    """Apply ``copy`` to the live item through the one write path; refuse a stale copy."""
    if user is not None and not may_publish(user):
        raise PermissionDenied
    model = copy.content_type.model_class()
    with transaction.atomic():
        obj = model._base_manager.select_for_update().filter(pk=copy.object_id).first()
        if obj is None:
            copy.delete()
            raise ValidationError(_("This item does not exist (any more)."), code="gone")
        if obj.version != copy.base_version:
            raise ValidationError(STALE_COPY_MESSAGE, code="stale_copy")
        comment = gettext("Published the changes of %(author)s") % {
            "author": _name(copy.author) if copy.author else "-"
        }
        with revision(user, comment):
            # The parts first: the item's revision then follows the parts as they are now.
            for accessor, (part_model, owner_field) in _part_relations(obj).items():
                if accessor in copy.parts:
                    _apply_parts(obj, copy, accessor, part_model, owner_field, user)
            apply_values(obj, copy.values)
            save_content(obj, user=user, comment=comment, expected_version=copy.base_version)
            record_change_note(obj, copy.change_note, copy.author)
        _log(copy, user, Action.PUBLISHED)
        copy.delete()
    _notify_author(copy, user, base_url)
    return obj


def _apply_parts(obj, copy, accessor, part_model, owner_field, user):
    live = {part.pk: part for part in getattr(obj, accessor).all()}
    for row in copy.parts[accessor]:
        part = live.pop(row["pk"], None) or part_model(**{owner_field: obj})
        apply_values(part, row, with_order=True, without={owner_field})
        save_content(part, user=user)
    for gone in live.values():
        delete_content(gone, user=user)


def discard(copy, *, user):
    _log(copy, user, Action.DISCARDED)
    copy.delete()


def publish_due(now=None):
    """Publish every approved copy whose moment has come; returns (published, refused)."""
    now = now or timezone.now()
    published, refused = [], []
    for copy in WorkingCopy.objects.filter(state=State.APPROVED, publish_at__lte=now):
        try:
            publish(copy, user=None)
        except ValidationError as error:
            refused.append((copy, error))
        else:
            published.append(copy)
    return published, refused


def pending(queryset):
    """``queryset`` annotated with ``has_working_copy`` (one subquery, for the change lists)."""
    content_type = ContentType.objects.get_for_model(queryset.model)
    copies = WorkingCopy.objects.filter(content_type=content_type, object_id=models.OuterRef("pk"))
    return queryset.annotate(has_working_copy=models.Exists(copies))


# --- E-mail -------------------------------------------------------------------------------------


def reviewers(exclude=None):
    """Everyone who may publish a reviewed change and has an e-mail address."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    perm = Q(groups__permissions__codename="review_workingcopy") | Q(
        user_permissions__codename="review_workingcopy"
    )
    users = users.filter(perm | Q(is_superuser=True)).distinct()
    if exclude is not None and exclude.pk:
        users = users.exclude(pk=exclude.pk)
    return list(users)


def _name(user):
    return user.get_full_name() or user.get_username()


def _notify_author(copy, user, base_url):
    if copy.author and (user is None or copy.author.pk != user.pk):
        subject = (
            _("Your changes to “%(item)s” are scheduled")
            if copy.state == State.APPROVED and copy.pk
            else _("Your changes to “%(item)s” are published")
        )
        _tell([copy.author], subject, _("%(user)s: “%(item)s”\n%(url)s"), copy, user, base_url)


def _tell(recipients, subject, body, copy, user, base_url, comment=""):
    addresses = sorted({person.email for person in recipients if person and person.email})
    if not addresses:
        return
    values = {
        "item": str(copy),
        "user": _name(user) if user else gettext("The schedule"),
        "comment": comment,
        "url": base_url,
    }
    message = (str(subject) % values, str(body) % values, None, addresses)

    def send():
        # A mail server that is down must not undo the step (it is committed): log it instead.
        try:
            send_mail(*message)
        except (OSError, smtplib.SMTPException):
            logger.exception("The workflow e-mail to %s could not be sent.", ", ".join(addresses))

    # After the commit: a refused transaction sends nobody a message about it.
    transaction.on_commit(send)
