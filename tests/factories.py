import datetime

import factory
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.text import slugify

from pages.models import Kind, Page
from participation.models import Feedback
from publishing.models import ChangeNote, SeedRecord, Status
from strategy.models import Mission, MissionLine, Theme, Topic
from translations.models import FieldTranslation
from translations.status import source_hash


class MissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mission

    title_nl = "Onze missie en strategie"
    title_en = "Our mission and strategy"
    mission_heading_nl = "Onze missie"
    mission_heading_en = "Our mission"
    mission_intro_nl = "Waar willen we naartoe?"
    mission_intro_en = "Where do we want to go?"
    strategy_heading_nl = "Onze strategie"
    strategy_heading_en = "Our strategy"
    strategy_intro_nl = "Een straf meerjarenplan."
    strategy_intro_en = "An ambitious multi-year plan."


class MissionLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MissionLine

    mission = factory.SubFactory(MissionFactory)
    text_nl = factory.Sequence(lambda n: f"Missieregel {n}")
    text_en = factory.Sequence(lambda n: f"Mission line {n}")
    order = factory.Sequence(lambda n: n)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    title_nl = factory.Sequence(lambda n: f"Thema {n}")
    title_en = factory.Sequence(lambda n: f"Theme {n}")
    slug_nl = factory.LazyAttribute(lambda o: slugify(o.title_nl))
    slug_en = factory.LazyAttribute(lambda o: slugify(o.title_en) if o.title_en else "")
    intro_nl = factory.LazyAttribute(lambda o: f"Inleiding van {o.title_nl}.")
    intro_en = factory.LazyAttribute(
        lambda o: f"Introduction to {o.title_en}." if o.title_en else ""
    )
    status = Status.PUBLISHED
    order = factory.Sequence(lambda n: n)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    theme = factory.SubFactory(ThemeFactory)
    title_nl = factory.Sequence(lambda n: f"onderwerp {n}")
    title_en = factory.Sequence(lambda n: f"topic {n}")
    slug_nl = factory.LazyAttribute(lambda o: slugify(o.title_nl))
    slug_en = factory.LazyAttribute(lambda o: slugify(o.title_en) if o.title_en else "")
    status = Status.PUBLISHED
    order = factory.Sequence(lambda n: n)


class ChangeNoteFactory(factory.django.DjangoModelFactory):
    """A significant change to ``item`` (any content object), noted in both languages."""

    class Meta:
        model = ChangeNote

    item = factory.SubFactory(ThemeFactory)
    text_nl = factory.Sequence(lambda n: f"Wijziging {n}")
    text_en = factory.Sequence(lambda n: f"Change {n}")
    noted_at = factory.LazyFunction(timezone.now)


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page
        django_get_or_create = ("kind",)

    kind = Kind.CONTACT
    title_nl = "Contact"
    title_en = "Contact"
    body_nl = "<p>Bel Gentinfo.</p>"
    body_en = "<p>Call Gentinfo.</p>"
    last_reviewed = datetime.date(2026, 11, 26)
    status = Status.PUBLISHED


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    page_title = "Wonen"
    path = "/nl/stad-van-de-toekomst/wonen/"
    language = "nl"
    helpful = True
    suggestion = ""


class FieldTranslationFactory(factory.django.DjangoModelFactory):
    """A translation recorded as made for ``source_text`` (the Dutch at that moment)."""

    class Meta:
        model = FieldTranslation

    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(type(o.obj)))
    object_id = factory.LazyAttribute(lambda o: o.obj.pk)
    field = "title"
    language = "en"
    source_text = "Oude titel"
    source_hash = factory.LazyAttribute(lambda o: source_hash(o.source_text))
    translated_at = factory.LazyFunction(timezone.now)

    class Params:
        obj = factory.SubFactory(ThemeFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Saving the item already recorded its translations: this replaces that record.
        keys = {
            name: kwargs.pop(name) for name in ("content_type", "object_id", "field", "language")
        }
        record, _created = model_class.objects.update_or_create(**keys, defaults=kwargs)
        return record


class SeedRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SeedRecord

    key = factory.Sequence(lambda n: f"theme:shipped-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "auth.User"
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"redacteur{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@stad.gent")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", "een-lang-wachtwoord-2026")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        from django.contrib.auth.models import Group

        for name in extracted or []:
            self.groups.add(Group.objects.get(name=name))
        if create:
            self.save()
