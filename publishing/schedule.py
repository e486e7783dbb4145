"""When the published site changes by itself: the next ``publish_from`` or ``publish_until``.

Scheduled publication needs no cron job, because ``published()`` compares with the clock. Anything
cached from published content must therefore expire at the next such moment, not only when the
content version changes; the page cache asks here. Every registered ``Publishable`` type counts.
"""

from django.utils import timezone

from .models import Status
from .registry import publishable_models


def next_publication_change(now=None):
    """The first moment after ``now`` at which a published item of any registered type appears or
    disappears.

    One query (a UNION of the date columns of every publishable type), returning only future dates
    of published items: a handful at most. ``None`` when nothing is scheduled.
    """
    now = now or timezone.now()
    parts = [
        model._default_manager.filter(status=Status.PUBLISHED, **{f"{field}__gt": now})
        .order_by()
        .values_list(field, flat=True)
        for model in publishable_models()
        for field in ("publish_from", "publish_until")
    ]
    if not parts:
        return None
    return min(parts[0].union(*parts[1:]), default=None)
