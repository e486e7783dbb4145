"""Old addresses: 301 to the new one after a slug change or a move, 410 for a page taken
offline; chains collapsed, loops refused; editors manage them in the admin."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from pages.models import Kind
from publishing.models import Status
from publishing.writes import delete_content, save_content
from redirects.models import Redirect
from redirects.recording import add_redirect
from tests.admin_helpers import errors_of, form_data
from tests.factories import PageFactory, ThemeFactory, TopicFactory

pytestmark = pytest.mark.django_db


def url_in(obj, language):
    with translation.override(language):
        return obj.get_absolute_url()


def rename(obj, **slugs):
    for field, value in slugs.items():
        setattr(obj, field, value)
    save_content(obj)


def test_old_addresses_redirect_in_both_languages_after_a_slug_change(client):
    theme = ThemeFactory(slug_nl="wonen", slug_en="housing")
    topic = TopicFactory(theme=theme, slug_nl="huren", slug_en="renting")
    old_topic = {lang: url_in(topic, lang) for lang in ("nl", "en")}

    rename(theme, slug_nl="goed-wonen", slug_en="good-housing")

    response = client.get("/nl/wonen/")
    assert response.status_code == 301
    assert response["Location"] == "/nl/goed-wonen/"
    assert client.get("/en/housing/")["Location"] == "/en/good-housing/"
    # The theme's topics follow their theme's new address.
    assert client.get(old_topic["nl"])["Location"] == "/nl/goed-wonen/huren/"
    assert client.get(old_topic["en"])["Location"] == "/en/good-housing/renting/"
    assert client.get("/nl/goed-wonen/", follow=True).status_code == 200


def test_old_addresses_redirect_after_a_topic_moves_to_another_theme(client):
    first, second = ThemeFactory(slug_nl="eerste", slug_en="first"), ThemeFactory(slug_nl="tweede")
    topic = TopicFactory(theme=first, slug_nl="fietsen", slug_en="cycling")
    topic.theme = second
    save_content(topic)

    assert client.get("/nl/eerste/fietsen/")["Location"] == "/nl/tweede/fietsen/"
    assert client.get("/en/first/cycling/")["Location"] == url_in(topic, "en")
    assert client.get(url_in(topic, "nl")).status_code == 200


def test_a_redirect_keeps_the_query_string_and_only_answers_what_would_be_a_404(client):
    theme = ThemeFactory(slug_nl="oud")
    rename(theme, slug_nl="nieuw")
    assert client.get("/nl/oud/?utm_source=krant")["Location"] == "/nl/nieuw/?utm_source=krant"
    # A new page at the old address wins over the old record: the record goes.
    ThemeFactory(slug_nl="oud")
    assert client.get("/nl/oud/").status_code == 200


def test_a_chain_of_renames_is_collapsed_to_one_hop(client):
    theme = ThemeFactory(slug_nl="een")
    rename(theme, slug_nl="twee")
    rename(theme, slug_nl="drie")

    assert Redirect.objects.get(old_path="/nl/een/").new_path == "/nl/drie/"
    assert client.get("/nl/een/")["Location"] == "/nl/drie/"
    assert client.get("/nl/twee/")["Location"] == "/nl/drie/"


def test_renaming_back_leaves_no_loop(client):
    theme = ThemeFactory(slug_nl="heen")
    rename(theme, slug_nl="terug")
    rename(theme, slug_nl="heen")

    assert client.get("/nl/heen/").status_code == 200
    assert client.get("/nl/terug/")["Location"] == "/nl/heen/"
    assert not Redirect.objects.filter(old_path="/nl/heen/").exists()


def test_a_loop_is_refused_by_the_model():
    add_redirect("/nl/a/", "/nl/b/")
    add_redirect("/nl/b/", "/nl/c/")
    loop = Redirect(old_path="/nl/c/", new_path="/nl/a/")
    with pytest.raises(ValidationError) as refused:
        loop.full_clean()
    assert refused.value.error_dict["new_path"][0].code == "loop"
    with pytest.raises(ValidationError):
        Redirect(old_path="/nl/x/", new_path="/nl/x/").full_clean()
    with pytest.raises(ValidationError):  # below itself: /nl/x/ → /nl/x/y/ → /nl/x/y/y/ …
        Redirect(old_path="/nl/x/", new_path="/nl/x/y/").full_clean()


def test_the_database_refuses_a_redirect_to_itself():
    with pytest.raises(IntegrityError):
        Redirect.objects.create(old_path="/nl/x/", new_path="/nl/x/")


@pytest.mark.parametrize("address", ["//evil.example/", "https://evil.example/", "nl/x/"])
def test_a_redirect_only_leads_to_this_site(address):
    with pytest.raises(ValidationError):
        Redirect(old_path="/nl/x/", new_path=address).full_clean()


def test_a_page_taken_offline_answers_410_with_links_to_its_theme_and_home(client, soup):
    theme = ThemeFactory(slug_nl="klimaat", slug_en="climate")
    topic = TopicFactory(theme=theme, slug_nl="bomen", slug_en="trees")
    topic.status = Status.DRAFT
    save_content(topic)

    response = client.get("/nl/klimaat/bomen/")
    assert response.status_code == 410
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Pagina offline gehaald"
    links = [a["href"] for a in page.select("main a")]
    assert "/nl/klimaat/" in links and "/nl/" in links
    english = client.get("/en/climate/trees/")
    assert english.status_code == 410
    assert "/en/climate/" in [a["href"] for a in soup(english).select("main a")]


def test_a_deleted_page_answers_410_and_one_never_published_stays_404(client):
    theme = ThemeFactory(slug_nl="weg")
    delete_content(theme)
    assert client.get("/nl/weg/").status_code == 410
    draft = ThemeFactory(slug_nl="nooit", status=Status.DRAFT)
    delete_content(draft)
    assert client.get("/nl/nooit/").status_code == 404


def test_a_page_published_again_answers_200_and_loses_its_record(client):
    theme = ThemeFactory(slug_nl="terug-online")
    theme.status = Status.DRAFT
    save_content(theme)
    theme.status = Status.PUBLISHED
    save_content(theme)
    assert client.get("/nl/terug-online/").status_code == 200
    assert not Redirect.objects.exists()


def test_a_normal_page_never_looks_up_redirects(client):
    theme = ThemeFactory()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url_in(theme, "nl")).status_code == 200
    assert not [q for q in queries if "redirects_redirect" in q["sql"]]


def test_a_cached_page_at_the_old_address_does_not_hide_the_redirect(client, committed):
    theme = ThemeFactory(slug_nl="gecached")
    assert client.get("/nl/gecached/").status_code == 200
    assert client.get("/nl/gecached/")["X-Page-Cache"] == "hit"
    with committed():
        rename(theme, slug_nl="vers")
    assert client.get("/nl/gecached/")["Location"] == "/nl/vers/"
    assert client.get("/nl/onbekend/").status_code == 404


# --- The admin -----------------------------------------------------------------------------------


def test_editors_see_add_and_remove_redirects_in_dutch(client, editor, soup):
    ThemeFactory(slug_nl="nieuw-adres")
    add_url = reverse("admin:redirects_redirect_add")
    response = client.post(add_url, {"old_path": "/nl/campagne/", "new_path": "/nl/nieuw-adres/"})
    assert response.status_code == 302, errors_of(response)
    assert client.get("/nl/campagne/")["Location"] == "/nl/nieuw-adres/"

    listing = soup(client.get(reverse("admin:redirects_redirect_changelist")))
    assert "/nl/campagne/" in listing.select_one("#result_list").get_text()
    headers = [th.get_text(strip=True) for th in listing.select("#result_list thead th")]
    assert "Oud adres" in headers and "Antwoord" in headers
    record = Redirect.objects.get(old_path="/nl/campagne/")
    delete_url = reverse("admin:redirects_redirect_delete", args=[record.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 302
    assert client.get("/nl/campagne/").status_code == 404


def test_the_admin_refuses_a_loop_with_a_translated_error(client, editor):
    add_redirect("/nl/a/", "/nl/b/")
    response = client.post(
        reverse("admin:redirects_redirect_add"), {"old_path": "/nl/b/", "new_path": "/nl/a/"}
    )
    assert response.status_code == 200
    assert any("lus" in error for error in errors_of(response))


def test_an_admin_redirect_collapses_a_chain():
    add_redirect("/nl/a/", "/nl/b/")
    add_redirect("/nl/b/", "/nl/c/")
    assert Redirect.objects.get(old_path="/nl/a/").new_path == "/nl/c/"


def test_translators_cannot_manage_redirects(client, translator):
    assert client.get(reverse("admin:redirects_redirect_changelist")).status_code == 403


def test_a_slug_changed_in_the_theme_admin_leaves_a_redirect(client, editor):
    theme = ThemeFactory(slug_nl="oude-naam")
    url = reverse("admin:strategy_theme_change", args=[theme.pk])
    data = form_data(client.get(url))
    data.update(slug_nl="nieuwe-naam")
    assert client.post(url, data).status_code == 302
    client.logout()
    assert client.get("/nl/oude-naam/")["Location"] == "/nl/nieuwe-naam/"


def test_a_hostile_path_is_still_a_plain_404(client):
    assert client.get("/nl/%00/").status_code == 404
    assert client.get("/nl/" + "x" * 2000 + "/").status_code == 404


def test_a_slug_change_waiting_in_a_working_copy_redirects_only_once_published(client, editor):
    theme = ThemeFactory(slug_nl="oude-naam")
    url = reverse("admin:strategy_theme_change", args=[theme.pk])
    data = form_data(client.get(url), press=None)  # "Save": a draft of the change
    data.update(slug_nl="nieuwe-naam")
    assert client.post(url, data).status_code == 302
    client.logout()
    assert client.get("/nl/oude-naam/").status_code == 200  # the live page keeps its address
    assert client.get("/nl/nieuwe-naam/").status_code == 404

    client.force_login(editor)
    changes = reverse("admin:strategy_theme_changes", args=[theme.pk])
    assert client.post(changes, {"action": "publish"}).status_code == 302
    client.logout()
    assert client.get("/nl/oude-naam/")["Location"] == "/nl/nieuwe-naam/"
    assert client.get("/nl/nieuwe-naam/").status_code == 200


def ended(**fields):
    return {
        "publish_from": timezone.now() - timedelta(days=30),
        "publish_until": timezone.now() - timedelta(minutes=1),
        **fields,
    }


def test_a_topic_whose_publish_until_date_passed_answers_410_with_links(client, soup):
    theme = ThemeFactory(slug_nl="natuur", slug_en="nature")
    TopicFactory(theme=theme, slug_nl="parken", slug_en="parks", **ended())

    response = client.get("/nl/natuur/parken/")
    assert response.status_code == 410
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Pagina offline gehaald"
    links = [a["href"] for a in page.select("main a")]
    assert "/nl/natuur/" in links and "/nl/" in links
    english = client.get("/en/nature/parks/")
    assert english.status_code == 410
    assert "/en/nature/" in [a["href"] for a in soup(english).select("main a")]


def test_a_theme_whose_window_ended_answers_410_and_so_do_its_topics(client, soup):
    theme = ThemeFactory(slug_nl="verleden", slug_en="past", **ended())
    TopicFactory(theme=theme, slug_nl="archief")

    response = client.get("/nl/verleden/")
    assert response.status_code == 410
    assert [a["href"] for a in soup(response).select("main a")] == ["/nl/"]
    assert client.get("/en/past/").status_code == 410
    # Its topic was online under it; the theme link is left out (the theme is gone too).
    topic = client.get("/nl/verleden/archief/")
    assert topic.status_code == 410
    assert [a["href"] for a in soup(topic).select("main a")] == ["/nl/"]


def test_a_service_page_whose_window_ended_answers_410(client):
    PageFactory(kind=Kind.CONTACT, **ended())
    assert client.get(reverse("pages:contact")).status_code == 410


def test_an_unknown_never_published_or_not_yet_started_page_stays_404(client):
    assert client.get("/nl/bestaat-niet/").status_code == 404
    ThemeFactory(slug_nl="ontwerp", status=Status.DRAFT, **ended())
    assert client.get("/nl/ontwerp/").status_code == 404
    later = timezone.now() + timedelta(days=3)
    ThemeFactory(slug_nl="straks", publish_from=later, publish_until=later + timedelta(days=3))
    assert client.get("/nl/straks/").status_code == 404
    theme = ThemeFactory(slug_nl="open")
    TopicFactory(theme=theme, slug_nl="later", publish_from=later)
    assert client.get("/nl/open/later/").status_code == 404


def test_a_404_that_is_no_content_address_costs_no_query(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/nl/a/b/c/d/").status_code == 404
    assert not [
        q for q in queries.captured_queries if "strategy_" in q["sql"] or "pages_" in q["sql"]
    ]
