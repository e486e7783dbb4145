"""Editor comfort in the admin: spelling check per language, Dutch toolbar, messages with the
right article, history in the editor's language, ordered topic list, offline dates, warnings."""

import io
import os
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from contentchecks import keptuploads
from publishing.models import Status
from publishing.workingcopies import copy_for
from tests.admin_helpers import errors_of, form_data
from tests.factories import PageFactory, ThemeFactory, TopicFactory, UserFactory

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


# --- A form with errors keeps the chosen image ---------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def png(size=(64, 48)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (0, 91, 169)).save(buffer, "PNG")
    return buffer.getvalue()


def kept_files(media):
    folder = media / keptuploads.KEPT_DIR
    return sorted(folder.iterdir()) if folder.exists() else []


def post_with_error(client, obj, name="stadhuis.png", content=None, press=None):
    url = change_url(obj)
    data = form_data(client.get(url), press=press)
    data.update(title_nl="", image_alt_nl="Het stadhuis", image_alt_en="The town hall")
    data["image"] = SimpleUploadedFile(name, content or png())
    return url, client.post(url, data)


def test_a_form_with_errors_keeps_the_valid_image_and_the_corrected_post_saves_it(
    client, editor, soup, media
):
    theme = ThemeFactory(status=Status.DRAFT)
    url, response = post_with_error(client, theme)
    assert response.status_code == 200
    page = soup(response)
    token = page.select_one("input[type=hidden][name=image__kept]")
    assert token and token["value"]
    assert "Bijgehouden: stadhuis.png" in page.select_one(".kept-file").get_text()
    assert len(kept_files(media)) == 1

    data = form_data(response)  # the hidden token included, no new file
    data["title_nl"] = "Het stadhuis"
    saved = client.post(url, data)
    assert saved.status_code == 302, errors_of(saved)
    theme.refresh_from_db()
    assert theme.image.name.startswith("images/") and "stadhuis" in theme.image.name
    assert theme.image_renditions["sources"]
    assert kept_files(media) == []  # used: removed


def test_an_invalid_image_is_not_kept(client, editor, soup, media):
    theme = ThemeFactory(status=Status.DRAFT)
    _url, response = post_with_error(client, theme, name="kapot.png", content=b"not an image")
    assert response.status_code == 200
    assert not soup(response).select("input[name=image__kept]")
    assert kept_files(media) == []


def test_a_new_file_wins_over_the_kept_one(client, editor, soup, media):
    theme = ThemeFactory(status=Status.DRAFT)
    url, response = post_with_error(client, theme, name="eerste.png")
    data = form_data(response)
    data["title_nl"] = "Tweede keuze"
    data["image"] = SimpleUploadedFile("tweede.png", png((80, 40)))
    saved = client.post(url, data)
    assert saved.status_code == 302, errors_of(saved)
    theme.refresh_from_db()
    assert "tweede" in theme.image.name and theme.image_renditions["width"] == 80
    assert kept_files(media) == []


@pytest.mark.parametrize("case", ["forged", "expired", "other user"])
def test_a_bad_token_is_ignored_with_a_message(client, editor, soup, media, case):
    theme = ThemeFactory(status=Status.DRAFT)
    url, response = post_with_error(client, theme)
    data = form_data(response)
    data["title_nl"] = "Zonder beeld"
    if case == "forged":
        stored = kept_files(media)[0].name
        data["image__kept"] = f"{keptuploads.KEPT_DIR}/{stored}"  # a path, not a signed token
    elif case == "expired":
        later = time.time() + keptuploads.MAX_AGE.total_seconds() + 60
        with mock.patch("time.time", return_value=later):
            response = client.post(url, data)
    else:
        client.force_login(UserFactory(groups=["Redacteur"]))
    if case != "expired":
        response = client.post(url, data)
    assert response.status_code == 302, errors_of(response)  # saved, without the image
    theme.refresh_from_db()
    assert not theme.image
    text = " ".join(messages_of(soup, client.get(reverse("admin:index"))))
    assert "kon niet worden bijgehouden" in text


def test_kept_files_past_their_age_are_swept_when_another_is_kept(client, editor, media):
    folder = media / keptuploads.KEPT_DIR
    folder.mkdir()
    abandoned = folder / "verlaten.png"
    abandoned.write_bytes(png())
    old = time.time() - keptuploads.MAX_AGE.total_seconds() - 60
    os.utime(abandoned, (old, old))

    post_with_error(client, ThemeFactory(status=Status.DRAFT))
    assert not abandoned.exists()
    assert len(kept_files(media)) == 1


def test_a_live_item_keeps_the_image_for_its_working_copy(client, editor, soup, media):
    theme = ThemeFactory()  # published: the change goes into a working copy
    url, response = post_with_error(client, theme)
    assert response.status_code == 200
    assert soup(response).select_one("input[name=image__kept]")
    data = form_data(response, press=None)
    data["title_nl"] = "Nieuw beeld"
    saved = client.post(url, data)
    assert saved.status_code == 302, errors_of(saved)
    theme.refresh_from_db()
    assert not theme.image  # the live page is unchanged
    values = copy_for(theme).values
    assert "stadhuis" in values["image"] and default_storage.exists(values["image"])
    assert values["image_renditions"]["sources"]
    assert kept_files(media) == []


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
