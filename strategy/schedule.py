"""When the published site changes by itself: the next ``publish_from`` or ``publish_until``.

Scheduled publication needs no cron job, because ``published()`` compares with the clock. Anything
cached from published content must therefore expire at the next such moment, not only when the
content version changes; the page cache asks here. A new publishable model adds its dates here.
"""

from django.utils import timezone

from .models import Status, Theme, Topic


def next_publication_change(now=None):
    """The first moment after ``now`` at which a published theme or topic appears or disappears.

    One query (a UNION of the four date columns), returning only future dates of published items:
    a handful at most. ``None`` when nothing is scheduled.
    """
    now = now or timezone.now()
    parts = [
        model.objects.filter(status=Status.PUBLISHED, **{f"{field}__gt": now})
        .order_by()
        .values_list(field, flat=True)
        for model in (Theme, Topic)
        for field in ("publish_from", "publish_until")
    ]
    return min(parts[0].union(*parts[1:]), default=None)
