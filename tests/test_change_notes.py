"""Change notes: an editor marks a save as significant and says what changed; visitors see the
date on the page, the notes on the "what changed" page and in its feeds, and the sitemap dates."""

import datetime
import re

import feedparser
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from publishing.freshness import content_version, next_change
from publishing.models import ChangeNote, Status
from tests.admin_helpers import errors_of, form_data
from tests.factories import (
    ChangeNoteFactory,
    MissionFactory,
    PageFactory,
    ThemeFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def changes_url(language):
    with translation.override(language):
        return reverse("findability:changes")


def feed_url(language):
    with translation.override(language):
        return reverse("findability:changes-feed")


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


# --- The editor ---------------------------------------------------------------------------------


def test_editor_notes_a_significant_change_in_both_languages(client, editor, soup):
    theme = ThemeFactory(title_nl="Stad van kansen", slug_nl="stad-van-kansen")
    url = reverse("admin:strategy_theme_change", args=[theme.pk])
    data = form_data(client.get(url))
    data.update(
        intro_nl="Nieuwe inleiding.",
        significant_change="on",
        change_note_nl="Het arbeidspact is toegevoegd.",
        change_note_en="The labour pact was added.",
    )
    response = client.post(url, data)
    assert response.status_code == 302, errors_of(response)

    note = ChangeNote.objects.get()
    assert note.item == theme
    assert (note.text_nl, note.text_en) == (
        "Het arbeidspact is toegevoegd.",
        "The labour pact was added.",
    )
    assert note.author == editor
    page = soup(client.get("/nl/stad-van-kansen/"))
    last_changed = page.select_one(".last-changed")
    assert "Laatst gewijzigd op" in last_changed.get_text(" ", strip=True)
    assert last_changed.time["datetime"][:10] == timezone.localdate().isoformat()


def test_a_save_without_the_tick_stays_silent(client, editor, soup):
    theme = ThemeFactory(slug_nl="stil")
    url = reverse("admin:strategy_theme_change", args=[theme.pk])
    data = form_data(client.get(url))
    data.update(intro_nl="Een tikfout verbeterd.")
    assert client.post(url, data).status_code == 302
    assert not ChangeNote.objects.exists()
    assert soup(client.get("/nl/stil/")).select_one(".last-changed") is None


def test_a_ticked_change_needs_a_dutch_note(client, editor):
    theme = ThemeFactory()
    url = reverse("admin:strategy_theme_change", args=[theme.pk])
    data = form_data(client.get(url))
    data.update(significant_change="on", change_note_en="Only English.")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Zeg in het Nederlands wat er veranderd is" in " ".join(errors_of(response))
    assert not ChangeNote.objects.exists()


def test_a_note_without_the_tick_is_not_lost_silently(client, editor):
    theme = ThemeFactory()
    url = reverse("admin:strategy_theme_change", args=[theme.pk])
    data = form_data(client.get(url))
    data.update(change_note_nl="Vergeten aan te vinken.")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Vink “belangrijke wijziging” aan" in " ".join(errors_of(response))
    assert not ChangeNote.objects.exists()


def test_every_content_form_offers_the_change_note(client, editor, soup):
    for url in (
        reverse("admin:strategy_theme_add"),
        reverse("admin:strategy_topic_add"),
        reverse("admin:strategy_mission_change", args=[MissionFactory().pk]),
        reverse("admin:pages_page_change", args=[PageFactory().pk]),
    ):
        page = soup(client.get(url))
        names = {
            field["name"]
            for field in page.select("[name^=change_note_], [name=significant_change]")
        }
        assert names == {"significant_change", "change_note_nl", "change_note_en"}, url
        assert page.find("label", attrs={"for": "id_change_note_nl"}), url


def test_a_translator_does_not_note_changes(client, translator, soup):
    theme = ThemeFactory()
    page = soup(client.get(reverse("admin:strategy_theme_change", args=[theme.pk])))
    assert not page.select("[name=significant_change]")


# --- What visitors see --------------------------------------------------------------------------


def test_changes_page_lists_notes_newest_first_with_links(client, soup):
    theme = ThemeFactory(title_nl="Stad van de toekomst", slug_nl="stad-van-de-toekomst")
    topic = TopicFactory(theme=theme, title_nl="wonen", slug_nl="wonen")
    ChangeNoteFactory(item=theme, text_nl="Oudste", noted_at=days_ago(3))
    ChangeNoteFactory(item=topic, text_nl="Nieuwste", noted_at=days_ago(1))
    ChangeNoteFactory(item=theme, text_nl="Middelste", noted_at=days_ago(2))

    response = client.get("/nl/wat-is-er-veranderd/")
    assert response.status_code == 200
    items = soup(response).select(".change-list__item")
    assert [i.select_one(".change-list__text").get_text(strip=True) for i in items] == [
        "Nieuwste",
        "Middelste",
        "Oudste",
    ]
    assert items[0].a["href"] == "/nl/stad-van-de-toekomst/wonen/"
    assert items[1].a["href"] == "/nl/stad-van-de-toekomst/"


def test_english_changes_page_marks_a_dutch_only_note(client, soup):
    theme = ThemeFactory(title_en="City of the future", slug_en="city-of-the-future")
    ChangeNoteFactory(item=theme, text_nl="Alleen in het Nederlands", text_en="")
    page = soup(client.get("/en/what-changed/"))
    text = page.select_one(".change-list__text")
    assert text.get_text(strip=True) == "Alleen in het Nederlands"
    assert text["lang"] == "nl"
    assert page.select_one(".change-list__title a")["href"] == "/en/city-of-the-future/"


def test_notes_of_items_a_visitor_cannot_see_are_not_shown(client, soup):
    draft = ThemeFactory(status=Status.DRAFT)
    scheduled = ThemeFactory(publish_from=timezone.now() + datetime.timedelta(days=1))
    hidden_theme = ThemeFactory(status=Status.DRAFT)
    topic_of_hidden_theme = TopicFactory(theme=hidden_theme)
    visible = ThemeFactory()
    for item in (draft, scheduled, topic_of_hidden_theme):
        ChangeNoteFactory(item=item, text_nl="Geheim")
    ChangeNoteFactory(item=visible, text_nl="Zichtbaar")
    ChangeNoteFactory(item=MissionFactory(), text_nl="Missie herschreven")

    page = soup(client.get("/nl/wat-is-er-veranderd/"))
    texts = [t.get_text(strip=True) for t in page.select(".change-list__text")]
    assert sorted(texts) == ["Missie herschreven", "Zichtbaar"]


def test_the_notes_of_a_deleted_item_disappear(client, soup):
    theme = ThemeFactory()
    ChangeNoteFactory(item=theme, text_nl="Weg")
    theme.delete()
    page = soup(client.get("/nl/wat-is-er-veranderd/"))
    assert not page.select(".change-list__item")
    assert "nog geen belangrijke wijzigingen" in page.get_text()


def test_changes_page_uses_constant_queries(client, django_assert_max_num_queries):
    for _ in range(10):
        theme = ThemeFactory()
        ChangeNoteFactory(item=theme)
        ChangeNoteFactory(item=TopicFactory(theme=theme))
    ChangeNoteFactory(item=PageFactory())
    ChangeNoteFactory(item=MissionFactory())
    next_change(content_version(), timezone.now())  # the page cache's, once per version
    # The notes, then one query per content type (mission, theme, topic, service page).
    with django_assert_max_num_queries(5):
        response = client.get("/nl/wat-is-er-veranderd/")
    assert response.content.count(b'class="change-list__item"') == 22


@pytest.mark.parametrize(("language", "path"), [("nl", "/nl/"), ("en", "/en/info/contact/")])
def test_every_page_links_the_feed_of_its_language(client, soup, language, path):
    PageFactory()
    MissionFactory()
    link = soup(client.get(path)).find("link", rel="alternate", type="application/atom+xml")
    assert link["href"] == feed_url(language)
    assert link["title"]


def test_last_changed_date_follows_the_newest_note_only(client, soup):
    topic = TopicFactory(theme=ThemeFactory(slug_nl="t"), slug_nl="o")
    ChangeNoteFactory(item=topic, noted_at=timezone.make_aware(datetime.datetime(2026, 3, 2, 10)))
    ChangeNoteFactory(item=topic, noted_at=timezone.make_aware(datetime.datetime(2026, 5, 7, 10)))
    ChangeNoteFactory(item=topic.theme, noted_at=timezone.make_aware(datetime.datetime(2026, 9, 1)))
    topic.summary_nl = "Tikfout verbeterd"
    topic.save()  # a silent change
    page = soup(client.get("/nl/t/o/"))
    assert page.select_one(".last-changed time").get_text() == "7 mei 2026"


# --- The feeds ----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["nl", "en"])
def test_feed_is_valid_atom_in_its_language_with_absolute_links(client, language):
    theme = ThemeFactory(
        title_nl="Stad van kansen",
        slug_nl="stad-van-kansen",
        title_en="City of opportunities",
        slug_en="city-of-opportunities",
    )
    ChangeNoteFactory(
        item=theme, text_nl="Nieuw arbeidspact", text_en="New labour pact", noted_at=days_ago(2)
    )
    ChangeNoteFactory(
        item=theme, text_nl="Tweede wijziging", text_en="Second change", noted_at=days_ago(1)
    )
    ChangeNoteFactory(item=ThemeFactory(status=Status.DRAFT), text_nl="Geheim", text_en="Secret")

    response = client.get(feed_url(language), headers={"Host": "localhost:8651"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.language == language
    origin = settings.PUBLIC_ORIGIN
    assert feed.feed.link == origin + changes_url(language)
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [
        origin + feed_url(language)
    ]
    expected = {
        "nl": (
            ["Tweede wijziging", "Nieuw arbeidspact"],
            "Stad van kansen",
            "/nl/stad-van-kansen/",
        ),
        "en": (
            ["Second change", "New labour pact"],
            "City of opportunities",
            "/en/city-of-opportunities/",
        ),
    }[language]
    assert [entry.summary for entry in feed.entries] == expected[0]
    assert {entry.title for entry in feed.entries} == {expected[1]}
    assert {entry.link for entry in feed.entries} == {origin + expected[2]}
    assert len({entry.id for entry in feed.entries}) == 2
    assert all(entry.updated_parsed for entry in feed.entries)
    assert b"localhost" not in response.content  # the public origin, never the request's host


def test_feed_answers_only_safe_methods(client):
    assert client.post(feed_url("nl")).status_code == 405


# --- The sitemap --------------------------------------------------------------------------------


def test_sitemap_lastmod_follows_the_notes(client):
    noted = ThemeFactory(slug_nl="genoteerd", slug_en="noted")
    silent = ThemeFactory(slug_nl="stil", slug_en="silent")
    ChangeNoteFactory(item=noted, noted_at=timezone.make_aware(datetime.datetime(2026, 4, 1, 12)))
    silent.intro_nl = "Tikfout verbeterd."
    silent.save()
    MissionFactory()
    body = client.get("/sitemap.xml").content.decode()

    def lastmod(path):
        match = re.search(rf"<loc>[^<]*{re.escape(path)}</loc>\s*<lastmod>([^<]+)</lastmod>", body)
        return match and match.group(1)

    assert lastmod("/nl/genoteerd/") == "2026-04-01"
    assert lastmod("/nl/stil/") == timezone.localdate(silent.created_at).isoformat()
    assert lastmod("/nl/") is None  # the mission has no noted change yet


def test_sitemap_lists_the_changes_page_dated_by_its_newest_visible_note(client):
    ChangeNoteFactory(
        item=ThemeFactory(), noted_at=timezone.make_aware(datetime.datetime(2026, 6, 3, 12))
    )
    ChangeNoteFactory(item=ThemeFactory(status=Status.DRAFT))  # today, but not visible
    body = client.get("/sitemap.xml").content.decode()
    for path in ("/nl/wat-is-er-veranderd/", "/en/what-changed/"):
        assert re.search(rf"<loc>[^<]*{path}</loc>\s*<lastmod>2026-06-03</lastmod>", body), path


def test_an_editor_corrects_a_note_and_the_page_follows(client, editor, soup):
    note = ChangeNoteFactory(item=ThemeFactory(), text_nl="Tikfuot")
    assert "Tikfuot" in client.get("/nl/wat-is-er-veranderd/").content.decode()
    url = reverse("admin:publishing_changenote_change", args=[note.pk])
    data = form_data(client.get(url))
    data.update(text_nl="Tikfout")
    response = client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    client.logout()
    texts = soup(client.get("/nl/wat-is-er-veranderd/")).select(".change-list__text")
    assert [t.get_text(strip=True) for t in texts] == ["Tikfout"]
    assert client.get(reverse("admin:publishing_changenote_add")).status_code == 302  # login


def test_notes_are_written_on_the_items_form_not_added_on_their_own(client, editor):
    assert client.get(reverse("admin:publishing_changenote_add")).status_code == 403
    assert client.get(reverse("admin:publishing_changenote_changelist")).status_code == 200


def test_a_translator_does_not_manage_notes(client, translator):
    assert client.get(reverse("admin:publishing_changenote_changelist")).status_code == 403


@pytest.mark.parametrize("language", ["nl", "en"])
def test_home_and_service_pages_show_their_last_significant_change(client, soup, language):
    mission = MissionFactory()
    contact = PageFactory()
    when = timezone.make_aware(datetime.datetime(2026, 5, 7, 10))
    ChangeNoteFactory(item=mission, noted_at=when)
    ChangeNoteFactory(item=contact, noted_at=when)
    shown = {"nl": "7 mei 2026", "en": "7 May 2026"}[language]
    with translation.override(language):
        paths = [reverse("strategy:home"), reverse("pages:contact")]
    for path in paths:
        line = soup(client.get(path)).select_one(".last-changed")
        assert line.time.get_text() == shown, path
        assert line.a["href"] == changes_url(language)
