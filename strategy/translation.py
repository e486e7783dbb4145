from modeltranslation.translator import TranslationOptions, register

from .models import Mission, MissionLine, Theme, Topic


@register(Mission)
class MissionTranslationOptions(TranslationOptions):
    fields = (
        "title",
        "mission_heading",
        "mission_intro",
        "strategy_heading",
        "strategy_intro",
        "image_alt",
        "image_credit",
    )
    required_languages = {
        "nl": ("title", "mission_heading", "mission_intro", "strategy_heading", "strategy_intro")
    }


@register(MissionLine)
class MissionLineTranslationOptions(TranslationOptions):
    fields = ("text",)
    required_languages = ("nl",)


@register(Theme)
class ThemeTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "intro", "body", "image_alt", "image_credit")
    required_languages = {"nl": ("title", "slug", "intro")}


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "summary", "body", "image_alt", "image_credit")
    required_languages = {"nl": ("title", "slug")}
