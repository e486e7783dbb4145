"""Loading the shipped content into the database, safely and repeatably.

The rules, so that running it again is always harmless:
- an item is created once; a shipped item an editor deleted is not brought back (``SeedRecord``);
- on an existing item only empty fields are filled (a new translation, say), so an editor's text is
  never overwritten;
- everything happens in one transaction.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from .languages import SOURCE_LANGUAGE, field_in, language_codes
from .models import Mission, MissionLine, SeedRecord, Status, Theme, Topic
from .seed import CONTENT_DIR, SeedContent, load_seed

ORDER_STEP = 10


@dataclass
class LoadReport:
    created: int = 0
    filled: int = 0  # fields that were empty and now have shipped text
    kept_deleted: int = 0  # shipped items an editor deleted, left deleted

    def __str__(self):
        return (
            f"{self.created} items created, {self.filled} empty fields filled, "
            f"{self.kept_deleted} deleted items left deleted"
        )


class _Loader:
    def __init__(self, seeds: dict[str, SeedContent]):
        self.seeds = seeds
        self.source = seeds[SOURCE_LANGUAGE]
        self.report = LoadReport()
        self.loaded_before = set(SeedRecord.objects.values_list("key", flat=True))

    def texts(self, pick):
        """{language: {field: text}} from every seed file, ``pick`` choosing from one file."""
        return {language: pick(seed) for language, seed in self.seeds.items()}

    def fill_empty(self, obj, texts, count=True):
        changed = False
        for language, values in texts.items():
            for name, value in values.items():
                column = field_in(name, language)
                if value and not getattr(obj, column):
                    setattr(obj, column, value)
                    self.report.filled += count
                    changed = True
        return changed

    def item(self, model, key, texts, **defaults):
        """Create the shipped item ``key`` once, or fill the empty fields of the existing one."""
        record = f"{model._meta.model_name}:{key}"
        obj = model.objects.filter(seed_key=key).first()
        if obj is None:
            if record in self.loaded_before:
                self.report.kept_deleted += 1
                return None
            obj = model(seed_key=key, **defaults)
            self.fill_empty(obj, texts, count=False)
            obj.save()
            SeedRecord.objects.create(key=record)
            self.report.created += 1
        elif self.fill_empty(obj, texts):
            obj.save()
        return obj

    def run(self):
        mission = self.mission()
        for index in range(len(self.source.mission_lines)):
            self.item(
                MissionLine,
                f"line-{index + 1}",
                self.texts(lambda s, i=index: {"text": s.mission_lines[i]}),
                mission=mission,
                order=(index + 1) * ORDER_STEP,
            )
        for t_index, seed_theme in enumerate(self.source.themes):
            theme_key = slugify(seed_theme.title)
            theme = self.item(
                Theme,
                theme_key,
                self.texts(
                    lambda s, i=t_index: {
                        "title": s.themes[i].title,
                        "slug": slugify(s.themes[i].title),
                        "intro": s.themes[i].intro,
                    }
                ),
                status=Status.PUBLISHED,
                order=(t_index + 1) * ORDER_STEP,
            )
            if theme is None:
                continue
            for p_index, topic_title in enumerate(seed_theme.topics):
                self.item(
                    Topic,
                    f"{theme_key}/{slugify(topic_title)}",
                    self.texts(
                        lambda s, i=t_index, j=p_index: {
                            "title": s.themes[i].topics[j],
                            "slug": slugify(s.themes[i].topics[j]),
                        }
                    ),
                    theme=theme,
                    status=Status.PUBLISHED,
                    order=(p_index + 1) * ORDER_STEP,
                )
        return self.report

    def mission(self):
        texts = self.texts(
            lambda s: {
                "title": s.title,
                "mission_heading": s.mission_heading,
                "mission_intro": s.mission_intro,
                "strategy_heading": s.strategy_heading,
                "strategy_intro": s.strategy_intro,
            }
        )
        mission = Mission.objects.first()
        if mission is None:
            mission = Mission()
            self.fill_empty(mission, texts, count=False)
            mission.save()
            self.report.created += 1
        elif self.fill_empty(mission, texts):
            mission.save()
        return mission


def shipped_languages():
    return [code for code in language_codes() if (CONTENT_DIR / f"seed-{code}.txt").is_file()]


def load_content() -> LoadReport:
    """Load the shipped Dutch content and every shipped translation of it."""
    seeds = {language: load_seed(language) for language in shipped_languages()}
    with transaction.atomic():
        return _Loader(seeds).run()
