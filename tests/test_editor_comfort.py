"""Editor comfort in the admin: spelling check per language, Dutch toolbar, messages with the
right article, history in the editor's language, ordered topic list, offline dates, warnings."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from publishing.models import Status
from tests.admin_helpers import errors_of, form_data
from tests.factories import PageFactory, ThemeFactory, TopicFactory

pytestmark = pytest.mark.django_db

TOOLBAR = {
    "paragraph": "alinea",
    "Heading 2": "Kop 2",
    "unordered list": "opsomming",
    "ordered list": "genummerde lijst",
    "blockquote": "citaat",
    "bold": "vet",
    "italic": "cursief",
    "insert link": "link invoegen",
    "remove link": "link verwijderen",
    "undo": "ongedaan maken",
    "redo": "opnieuw",
    "Edit Link": "Link bewerken",
    "URL": "Adres (URL)",
    "Update": "Bijwerken",
    "Cancel": "Annuleren",
}


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def messages_of(soup, response):
    return [li.get_text(" ", strip=True) for li in soup(response).select(".messagelist li")]


def test_text_fields_are_spellchecked_in_their_own_language(client, editor, soup):
    theme = ThemeFactory()
    form = soup(client.get(change_url(theme)))
    for name, language in (("title_nl", "nl"), ("intro_en", "en"), ("body_nl", "nl")):
        field = form.select_one(f"[name={name}]")
        assert (field["spellcheck"], field["lang"]) == ("true", language), name
    assert form.select_one("[name=slug_nl]")["spellcheck"] == "false"


def test_the_editor_toolbar_and_link_dialog_speak_dutch(client, editor):
    client.cookies["django_language"] = "nl"
    catalogue = client.get(reverse("admin:jsi18n")).content.decode()
    for english, dutch in TOOLBAR.items():
        assert f'"{english}": "{dutch}"' in catalogue, english


@pytest.mark.parametrize(
    ("factory", "expected"),
    [
        (ThemeFactory, "Het thema"),
        (TopicFactory, "Het subthema"),
        (PageFactory, "De dienstpagina"),
    ],
)
def test_saved_messages_use_the_right_dutch_article(client, editor, soup, factory, expected):
    # A draft item is saved directly, with Django's own message; a live item's change becomes a
    # working copy, whose messages name no model (tests/test_working_copies.py).
    obj = factory(status=Status.DRAFT)
    url = change_url(obj)
    data = form_data(client.get(url))
    data["_continue"] = "1"
    response = client.post(url, data, follow=True)
    text = " ".join(messages_of(soup, response))
    assert text.startswith(expected), text
    if expected.startswith("Het"):
        assert "U kunt het hieronder" in text


def test_history_names_fields_in_dutch_and_says_what_the_status_became(client, editor):
    theme = ThemeFactory(status=Status.PUBLISHED)
    url = change_url(theme)
    data = form_data(client.get(url))
    data.update(title_nl="Nieuwe titel", status=Status.DRAFT)
    assert client.post(url, data).status_code == 302
    history = client.get(reverse("admin:strategy_theme_history", args=[theme.pk])).content.decode()
    assert "Titel [nl]" in history
    assert "Status naar “Concept”" in history
    entry = LogEntry.objects.filter(object_id=str(theme.pk)).latest("action_time")
    assert "Status naar “Concept”" in entry.get_change_message()


def test_the_topic_list_is_grouped_by_theme_in_order(client, editor, soup):
    first, second = ThemeFactory(order=1), ThemeFactory(order=2)
    TopicFactory(theme=second, title_nl="b-tweede", order=1)
    TopicFactory(theme=first, title_nl="a-tweede", order=2)
    TopicFactory(theme=second, title_nl="b-eerste", order=0)
    TopicFactory(theme=first, title_nl="a-eerste", order=1)
    listing = soup(client.get(reverse("admin:strategy_topic_changelist")))
    rows = listing.select("#result_list th.field-title a")
    titles = [a.get_text(strip=True).lower() for a in rows]
    assert titles == ["a-eerste", "a-tweede", "b-eerste", "b-tweede"]
    filtered = client.get(
        reverse("admin:strategy_topic_changelist"), {"theme__id__exact": first.pk}
    )
    assert "b-eerste" not in filtered.content.decode().lower()


def test_lists_show_when_an_item_goes_offline(client, editor, soup):
    until = timezone.now() + timedelta(days=3)
    ThemeFactory(publish_until=until)
    listing = soup(client.get(reverse("admin:strategy_theme_changelist")))
    headers = [th.get_text(strip=True) for th in listing.select("#result_list thead th")]
    assert "Offline vanaf" in headers
    assert listing.select_one("td.field-offline_from").get_text(strip=True) != "—"


def test_a_future_publish_from_on_a_live_page_warns_the_editor(client, editor, soup):
    theme = ThemeFactory(status=Status.PUBLISHED)
    url = change_url(theme)
    form = client.get(url)
    assert "Deze pagina staat nu online" in form.content.decode()
    data = form_data(form)
    later = timezone.localtime() + timedelta(days=2)
    data.update(publish_from_0=later.strftime("%d-%m-%Y"), publish_from_1="10:00:00")
    response = client.post(url, data, follow=True)
    assert response.status_code == 200, errors_of(response)
    text = " ".join(messages_of(soup, response))
    assert "Let op: deze pagina stond online en is nu offline tot" in text


def test_a_form_with_errors_tells_the_editor_to_choose_the_image_again(client, editor, soup):
    theme = ThemeFactory()
    url = change_url(theme)
    data = form_data(client.get(url))
    data["title_nl"] = ""  # an error
    data["image"] = SimpleUploadedFile("stadhuis.jpg", b"not really an image")
    response = client.post(url, data)
    assert response.status_code == 200
    text = " ".join(messages_of(soup, response))
    assert "stadhuis.jpg" in text and "kies het opnieuw" in text


# --- "Edit this page" on the public site --------------------------------------------------------


def test_an_editor_sees_an_edit_link_on_a_public_page_that_is_never_cached(client, editor, soup):
    theme = ThemeFactory()
    response = client.get(theme.get_absolute_url())
    link = soup(response).select_one(".edit-link a")
    assert link["href"] == change_url(theme)
    assert response["X-Page-Cache"] == "bypass"
    assert "no-store" in response["Cache-Control"]


def test_visitors_never_get_the_edit_link_not_even_from_the_cache(client, editor, soup):
    topic = TopicFactory()
    client.get(topic.get_absolute_url())  # the editor's page
    client.logout()
    client.cookies.clear()
    for _ in range(2):  # a miss, then a hit
        response = client.get(topic.get_absolute_url())
        assert soup(response).select_one(".edit-link") is None
    assert response["X-Page-Cache"] == "hit"
