"""How far each language is: the Dutch words still to translate and to review.

Counted per segment, as the workbench shows them: in a body whose Dutch changed in one
paragraph, only that paragraph's words are to review.
"""

from dataclasses import dataclass

from publishing.registry import content_models, entry_for, field_kind

from . import segments, status
from .status import State
from .workbench import field_segments


@dataclass
class LanguageProgress:
    language: str
    to_translate: int = 0  # Dutch words of missing segments
    to_review: int = 0  # Dutch words of outdated segments
    done: int = 0  # Dutch words of up-to-date segments
    items: int = 0  # items with something to translate or review

    @property
    def total(self):
        return self.to_translate + self.to_review + self.done

    @property
    def percent_done(self):
        return round(100 * self.done / self.total) if self.total else 100


def words(html):
    return len(segments.plain_text(html).split())


def progress(languages) -> list[LanguageProgress]:
    """One query per content model and language, whatever the amount of content."""
    result = []
    for language in languages:
        counts = LanguageProgress(language)
        open_items = set()
        for model in content_models():
            objects = list(model._default_manager.all())
            for field_statuses in status.statuses(objects, [language]).values():
                for item in field_statuses:
                    for segment in field_segments(item, field_kind(type(item.obj), item.field)):
                        count = words(segment.source)
                        if segment.state == State.MISSING:
                            counts.to_translate += count
                        elif segment.state == State.OUTDATED:
                            counts.to_review += count
                        else:
                            counts.done += count
                            continue
                        open_items.add(_owner_key(item.obj))
        counts.items = len(open_items)
        result.append(counts)
    return result


def _owner_key(obj):
    """(model, pk) of the item whose page edits ``obj``, without loading it."""
    entry = entry_for(type(obj))
    if entry and entry.part_of:
        related = type(obj)._meta.get_field(entry.part_of)
        return related.related_model, getattr(obj, related.attname)
    return type(obj), obj.pk
