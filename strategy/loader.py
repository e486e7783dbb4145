"""The shipped mission, themes and topics (``content/seed-*.txt``), loaded with the core's rules
(``publishing.loading``: created once, empty fields filled, never overwriting an edit).
"""

from django.db import transaction
from django.utils.text import slugify

from publishing.languages import SOURCE_LANGUAGE, language_codes
from publishing.loading import SHIPPED, LoadReport, ShippedContent
from publishing.models import Status
from publishing.writes import revision, save_content

from .models import Mission, MissionLine, Theme, Topic
from .seed import CONTENT_DIR, SeedContent, load_seed

ORDER_STEP = 10


class _Loader(ShippedContent):
    def __init__(self, seeds: dict[str, SeedContent]):
        super().__init__("Mission and strategy")
        self.seeds = seeds
        self.source = seeds[SOURCE_LANGUAGE]

    def texts(self, pick):
        """{language: {field: text}} from every seed file, ``pick`` choosing from one file."""
        return {language: pick(seed) for language, seed in self.seeds.items()}

    def shipped(self, model, key, texts, **defaults):
        record = f"{model._meta.model_name}:{key}"
        return self.item(model, record, {"seed_key": key}, texts, **defaults)

    def run(self):
        # The mission and its lines are one revision: restoring the mission restores its lines.
        with revision(comment=SHIPPED):
            mission = self.mission()
            for index in range(len(self.source.mission_lines)):
                self.shipped(
                    MissionLine,
                    f"line-{index + 1}",
                    self.texts(lambda s, i=index: {"text": s.mission_lines[i]}),
                    mission=mission,
                    order=(index + 1) * ORDER_STEP,
                )
        for t_index, seed_theme in enumerate(self.source.themes):
            theme_key = slugify(seed_theme.title)
            theme = self.shipped(
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
                self.shipped(
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
        return self.finish()

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
        # There is one mission; an editor cannot delete it, so it is always brought back.
        mission = Mission.objects.first()
        if mission is None:
            mission = Mission()
            self.fill_empty(mission, texts, count=False)
            save_content(mission, comment=SHIPPED)
            self.report.created += 1
        else:
            self.existing(mission, texts)
        return mission


def shipped_languages():
    return [code for code in language_codes() if (CONTENT_DIR / f"seed-{code}.txt").is_file()]


def load_content() -> LoadReport:
    """Load the shipped Dutch content and every shipped translation of it."""
    seeds = {language: load_seed(language) for language in shipped_languages()}
    with transaction.atomic():
        return _Loader(seeds).run()
