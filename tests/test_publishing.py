"""Drafts, schedules, previews, ordering, and every change live on the next request."""

import csv
import io
import json
from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from publishing.freshness import content_version
from publishing.models import Status
from strategy.models import Theme
from tests.admin_helpers import errors_of, form_data
from tests.factories import (
    MissionFactory,
    MissionLineFactory,
    ThemeFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def url_in(obj, language):
    with translation.override(language):
        return obj.get_absolute_url()


# --- Drafts and schedules -------------------------------------------------------------------------


# Every reader of published content: the pages (and their JSON-LD), the home page's lists, the
# JSON and CSV API, the sitemap and search. Each must show exactly what ``published()`` gives.
READERS = ("page", "english page", "structured data", "home", "json", "csv", "sitemap", "search")
EVERYWHERE = dict.fromkeys(READERS, True)
NOWHERE = dict.fromkeys(READERS, False)


def differences(shown, expected):
    """(item, reader) pairs where a reader shows what it should not, or hides what it should."""
    return [(item, r) for item in expected for r in READERS if shown[item][r] != expected[item][r]]


def what_every_reader_shows(client, soup, items):
    """For each item (by Dutch title): whether a visitor finds it in each reader; and the API's
    ETags."""
    home = client.get("/nl/").content.decode()
    api = client.get("/api/v1/strategy")
    in_json = set()
    for theme in api.json()["themes"]:
        in_json.add(theme["title"]["nl"])
        in_json.update(topic["title"]["nl"] for topic in theme["topics"])
    spreadsheet = client.get("/api/v1/strategy.csv")
    in_csv = {row["title_nl"] for row in csv.DictReader(io.StringIO(spreadsheet.content.decode()))}
    sitemap = client.get("/sitemap.xml").content.decode()
    shown = {}
    for item in items:
        path = url_in(item, "nl")
        page = client.get(path)
        graph = {}
        if page.status_code == 200:
            [script] = soup(page).select('script[type="application/ld+json"]')
            graph = {part["@type"]: part for part in json.loads(script.string)["@graph"]}
        found = soup(client.get("/nl/zoeken/", {"q": item.title_nl}))
        shown[item.title_nl] = {
            "page": page.status_code == 200,
            "english page": client.get(url_in(item, "en")).status_code == 200,
            "structured data": graph.get("WebPage", {}).get("url") == f"https://testserver{path}",
            "home": item.title_nl in home,
            "json": item.title_nl in in_json,
            "csv": item.title_nl in in_csv,
            "sitemap": f"<loc>https://testserver{path}</loc>" in sitemap,
            "search": path in {a["href"] for a in found.select(".search-result__title a")},
        }
    return shown, (api["ETag"], spreadsheet["ETag"])


def test_every_reader_follows_the_publication_schedule_at_once(client, soup):
    """publish_until passes and publish_from comes with no write and no cron job: the pages,
    structured data, the home page, the JSON and CSV API (with new ETags), the sitemap and search
    all change at that moment, although each of them was cached just before."""
    MissionFactory()
    now = timezone.now()
    later = now + timedelta(hours=1)
    summer = ThemeFactory(title_nl="Zomerplan", title_en="Summer plan", publish_until=later)
    winter = ThemeFactory(title_nl="Winterplan", title_en="Winter plan", publish_from=later)
    steady = ThemeFactory(title_nl="Vast plan", title_en="Steady plan")
    draft = ThemeFactory(title_nl="Kladplan", title_en="Rough plan", status=Status.DRAFT)
    items = [
        summer,
        TopicFactory(theme=summer, title_nl="Terrasjes", title_en="Terraces"),
        winter,
        TopicFactory(theme=winter, title_nl="Schaatsbaan", title_en="Ice rink"),
        steady,
        TopicFactory(theme=steady, title_nl="Markten", title_en="Markets"),
        TopicFactory(theme=steady, title_nl="Kermis", title_en="Funfair", publish_until=later),
        TopicFactory(theme=steady, title_nl="Kerstmarkt", title_en="Yule", publish_from=later),
        TopicFactory(theme=steady, title_nl="Ontwerpje", title_en="Sketch", status=Status.DRAFT),
        draft,
        TopicFactory(theme=draft, title_nl="Geheimpje", title_en="Secret"),
    ]
    before = {
        "Zomerplan": EVERYWHERE, "Terrasjes": EVERYWHERE,
        "Winterplan": NOWHERE, "Schaatsbaan": NOWHERE,
        "Vast plan": EVERYWHERE, "Markten": EVERYWHERE,
        "Kermis": EVERYWHERE, "Kerstmarkt": NOWHERE, "Ontwerpje": NOWHERE,
        "Kladplan": NOWHERE, "Geheimpje": NOWHERE,
    }  # fmt: skip
    after = {
        **before,
        "Zomerplan": NOWHERE, "Terrasjes": NOWHERE,
        "Winterplan": EVERYWHERE, "Schaatsbaan": EVERYWHERE,
        "Kermis": NOWHERE, "Kerstmarkt": EVERYWHERE,
    }  # fmt: skip

    shown, etags = what_every_reader_shows(client, soup, items)
    assert differences(shown, before) == []
    # Asked again: now from the page cache and the API's cache, and still the same.
    shown_again, etags_again = what_every_reader_shows(client, soup, items)
    assert differences(shown_again, before) == [] and etags_again == etags

    with mock.patch("django.utils.timezone.now", return_value=later + timedelta(seconds=1)):
        shown_later, etags_later = what_every_reader_shows(client, soup, items)
        stale = client.get("/api/v1/strategy", headers={"If-None-Match": etags[0]})
    assert differences(shown_later, after) == []
    assert etags_later[0] != etags[0] and etags_later[1] != etags[1]
    assert stale.status_code == 200  # a client holding the old body gets the new one


def test_publish_until_must_be_after_publish_from(client, editor):
    theme = ThemeFactory()
    url = reverse("admin:strategy_theme_change", args=[theme.pk])
    data = form_data(client.get(url))
    data.update(
        {
            "publish_from_0": "2026-12-01",
            "publish_from_1": "10:00:00",
            "publish_until_0": "2026-11-30",
            "publish_until_1": "10:00:00",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert any("later than" in e or "later zijn" in e for e in errors_of(response))


# --- Previews -------------------------------------------------------------------------------------


def test_staff_preview_a_draft_on_its_real_page_in_both_languages(client, editor, soup):
    theme = ThemeFactory(title_nl="Ontwerp", title_en="Draft plan", status=Status.DRAFT)
    topic = TopicFactory(theme=theme, title_nl="deeltje", title_en="part", status=Status.DRAFT)
    for obj in (theme, topic):
        for language in ("nl", "en"):
            response = client.get(url_in(obj, language))
            assert response.status_code == 200
            banner = soup(response).select_one(".preview-banner[role=status]")
            assert banner is not None
            assert "Voorbeeld" in banner.text or "Preview" in banner.text
            assert "no-store" in response["Cache-Control"]
            assert "private" in response["Cache-Control"]


def test_a_published_page_has_no_preview_banner_even_for_staff(client, editor, soup):
    theme = ThemeFactory()
    response = client.get(url_in(theme, "nl"))
    assert soup(response).select_one(".preview-banner") is None


def test_visitors_never_see_the_preview_banner(client, soup):
    theme = ThemeFactory()
    response = client.get(url_in(theme, "nl"))
    assert soup(response).select_one(".preview-banner") is None
    assert "no-store" not in response.get("Cache-Control", "")


def test_view_on_site_from_the_admin_leads_to_the_preview(client, editor, soup):
    theme = ThemeFactory(status=Status.DRAFT)
    page = soup(client.get(reverse("admin:strategy_theme_change", args=[theme.pk])))
    view_on_site = page.select_one("a.viewsitelink")["href"]
    response = client.get(view_on_site, follow=True)
    assert response.status_code == 200
    assert soup(response).select_one(".preview-banner") is not None
    # The form also links straight to the page in each language.
    links = {a["hreflang"]: a["href"] for a in page.select(".field-preview_links a[hreflang]")}
    assert links == {"nl": url_in(theme, "nl"), "en": url_in(theme, "en")}


# --- Ordering -------------------------------------------------------------------------------------


def test_themes_are_reordered_by_drag_and_drop_and_live_at_once(client, editor):
    MissionFactory()
    first = ThemeFactory(title_nl="Eerste", order=1)
    second = ThemeFactory(title_nl="Tweede", order=2)
    home = reverse("strategy:home")
    version = content_version()
    response = client.post(
        reverse("admin:strategy_theme_sortable_update"),
        data=json.dumps({"updatedItems": [[second.pk, 1], [first.pk, 2]]}),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert content_version() > version
    client.logout()
    after = client.get(home).content.decode()
    assert after.index("Tweede") < after.index("Eerste")


def test_topics_are_reordered_in_the_list_and_bump_the_content_version(client, editor):
    theme = ThemeFactory()
    a = TopicFactory(theme=theme, title_nl="alfa", order=1)
    b = TopicFactory(theme=theme, title_nl="bravo", order=2)
    version = content_version()
    response = client.post(
        reverse("admin:strategy_topic_sortable_update"),
        data=json.dumps({"updatedItems": [[b.pk, 1], [a.pk, 2]]}),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert content_version() > version
    client.logout()
    page = client.get(url_in(theme, "nl")).content.decode()
    assert page.index("bravo") < page.index("alfa")


def test_topics_and_mission_lines_are_reordered_inline(client, editor):
    mission = MissionFactory()
    one = MissionLineFactory(mission=mission, text_nl="Regel een", order=1)
    two = MissionLineFactory(mission=mission, text_nl="Regel twee", order=2)
    url = reverse("admin:strategy_mission_change", args=[mission.pk])
    data = form_data(client.get(url))
    # The inline's drag handle rewrites the hidden order fields; do what it does.
    for key, value in list(data.items()):
        if key.endswith("-id") and value == str(one.pk):
            data[key.replace("-id", "-order")] = "2"
        if key.endswith("-id") and value == str(two.pk):
            data[key.replace("-id", "-order")] = "1"
    version = content_version()
    response = client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    assert content_version() > version
    client.logout()
    home = client.get(reverse("strategy:home")).content.decode()
    assert home.index("Regel twee") < home.index("Regel een")


# --- Live at once ---------------------------------------------------------------------------------


def test_an_edit_is_live_on_the_next_request_in_both_languages(client, editor):
    theme = ThemeFactory(title_nl="Oud", title_en="Old")
    url = reverse("admin:strategy_theme_change", args=[theme.pk])
    client.logout()
    assert "Oud" in client.get(url_in(theme, "nl")).content.decode()  # now possibly cached
    client.force_login(editor)
    data = form_data(client.get(url))
    data.update(title_nl="Nieuw", title_en="New")
    version = content_version()
    assert client.post(url, data).status_code == 302
    assert content_version() > version
    client.logout()
    theme.refresh_from_db()
    assert "Nieuw" in client.get(url_in(theme, "nl")).content.decode()
    assert "New" in client.get(url_in(theme, "en")).content.decode()


def test_publish_and_unpublish_are_live_on_the_next_request(client, editor):
    theme = ThemeFactory(status=Status.DRAFT)
    admin_url = reverse("admin:strategy_theme_change", args=[theme.pk])
    public = url_in(theme, "nl")
    # Taken offline after being published: 410 Gone (redirects app), not a plain 404.
    for status, expected in ((Status.PUBLISHED, 200), (Status.DRAFT, 410)):
        client.force_login(editor)
        data = form_data(client.get(admin_url))
        data["status"] = status
        version = content_version()
        assert client.post(admin_url, data).status_code == 302
        assert content_version() > version
        client.logout()
        assert client.get(public).status_code == expected


def test_a_delete_is_live_on_the_next_request(client, editor):
    theme = ThemeFactory()
    public = url_in(theme, "nl")
    version = content_version()
    response = client.post(reverse("admin:strategy_theme_delete", args=[theme.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert content_version() > version
    client.logout()
    assert client.get(public).status_code == 410  # deleted after being published: Gone


def test_topics_move_up_and_down_with_the_keyboard_friendly_actions(client, editor):
    theme = ThemeFactory()
    other = TopicFactory(title_nl="elders", order=1)  # another theme: not a neighbour
    a = TopicFactory(theme=theme, title_nl="alfa", order=5)
    TopicFactory(theme=theme, title_nl="bravo", order=6)
    c = TopicFactory(theme=theme, title_nl="charlie", order=7)
    changelist = reverse("admin:strategy_topic_changelist")
    version = content_version()
    response = client.post(
        changelist, {"action": "move_up", "_selected_action": [c.pk], "index": 0}
    )
    assert response.status_code == 302
    assert content_version() > version
    orders = lambda: [t.title_nl for t in theme.topics.order_by("order")]  # noqa: E731
    assert orders() == ["alfa", "charlie", "bravo"]
    client.post(changelist, {"action": "move_down", "_selected_action": [a.pk], "index": 0})
    assert orders() == ["charlie", "alfa", "bravo"]
    other.refresh_from_db()
    assert other.order == 1
    client.logout()
    page = client.get(url_in(theme, "nl")).content.decode()
    assert page.index("charlie") < page.index("alfa") < page.index("bravo")


def test_themes_move_up_with_the_action(client, editor):
    first = ThemeFactory(title_nl="Eerste", order=1)
    second = ThemeFactory(title_nl="Tweede", order=2)
    client.post(
        reverse("admin:strategy_theme_changelist"),
        {"action": "move_up", "_selected_action": [second.pk], "index": 0},
    )
    assert list(Theme.objects.values_list("title_nl", flat=True)) == ["Tweede", "Eerste"]
    assert first.pk != second.pk
