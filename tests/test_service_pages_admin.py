"""Service pages in the admin: the same editor and states as themes and topics.

The rich-text editor, drafts and a publication window, preview, the translation column, the
optimistic lock and history with compare; and a page's kind (its fixed address) stays unique.
"""

import pytest
from django.urls import reverse
from reversion.models import Version

from pages.models import Kind, Page
from publishing.models import Status
from tests.admin_helpers import errors_of, form_data
from tests.factories import PageFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def change_url(page):
    return reverse("admin:pages_page_change", args=[page.pk])


def save_in_admin(client, page, **changes):
    url = change_url(page)
    response = client.post(url, {**form_data(client.get(url)), **changes})
    assert response.status_code == 302, errors_of(response)
    page.refresh_from_db()
    return response


def test_the_body_gets_the_same_rich_text_editor_as_a_theme(client, editor, soup):
    page = soup(client.get(change_url(PageFactory())))
    theme = soup(client.get(reverse("admin:strategy_theme_change", args=[ThemeFactory().pk])))
    theme_editor = theme.select_one("[name=body_nl]")["data-django-prose-editor-gent"]
    for name in ("body_nl", "body_en"):
        body = page.select_one(f"[name={name}]")
        # The editor's toolbar and allow-list, not a bare HTML box.
        assert body.get("data-django-prose-editor-gent") == theme_editor, name
    scripts = [script.get("src", "") for script in page.find_all("script")]
    assert any(src.endswith("strategy/admin/prose-editor.js") for src in scripts)


def test_the_page_form_has_status_publication_window_and_preview_links(client, editor, soup):
    page = PageFactory(kind=Kind.PRIVACY)
    form = soup(client.get(change_url(page)))
    status = form.select_one("select[name=status]")
    assert {option["value"] for option in status.select("option")} == {"draft", "published"}
    for name in ("publish_from_0", "publish_from_1", "publish_until_0", "publish_until_1"):
        assert form.select_one(f"input[name={name}]") is not None, name
    previews = {a["hreflang"]: a["href"] for a in form.select(".field-preview_links a[hreflang]")}
    assert previews == {"nl": "/nl/info/privacy/", "en": "/en/info/privacy/"}


def test_a_page_saved_as_draft_is_gone_for_visitors_and_previewed_by_staff(client, editor, soup):
    page = PageFactory(kind=Kind.CONTACT, title_nl="Contact")
    save_in_admin(client, page, status="draft")
    assert page.status == Status.DRAFT
    preview = client.get("/nl/info/contact/")
    assert preview.status_code == 200
    assert soup(preview).h1.get_text(strip=True) == "Contact"
    client.logout()
    # It was online before: its addresses now say it was taken offline (410), not "not found".
    assert client.get("/nl/info/contact/").status_code == 410
    assert client.get("/en/info/contact/").status_code == 410


def test_a_page_outside_its_publication_window_is_gone_for_visitors(client, editor):
    page = PageFactory(kind=Kind.CONTACT)
    save_in_admin(
        client, page, publish_from_0="2020-01-01", publish_from_1="09:00:00",
        publish_until_0="2021-01-01", publish_until_1="09:00:00",
    )  # fmt: skip
    assert page.publish_until is not None
    client.logout()
    assert client.get("/nl/info/contact/").status_code == 410  # was online: taken offline


@pytest.mark.parametrize(
    "typed",
    [
        "<p>Bel Gentinfo.</p><p>Of mail ons.</p>",  # what the editor sends for two paragraphs
        "Bel Gentinfo.\r\n\r\nOf mail ons.",  # the plain box, when the editor's script failed
    ],
)
def test_typed_paragraphs_stay_separate_paragraphs_on_the_site(client, editor, soup, typed):
    page = PageFactory(kind=Kind.CONTACT)
    save_in_admin(client, page, body_nl=typed)
    client.logout()
    body = soup(client.get("/nl/info/contact/")).select_one(".rich-text")
    paragraphs = [p.get_text(strip=True) for p in body.find_all("p")]
    assert paragraphs == ["Bel Gentinfo.", "Of mail ons."]


def test_the_list_shows_status_and_translation_state(client, editor, soup):
    PageFactory(kind=Kind.CONTACT, title_nl="Contact", title_en="Contact", status="draft")
    PageFactory(kind=Kind.PRIVACY, title_nl="Privacy", title_en="", body_en="")
    response = client.get(reverse("admin:pages_page_changelist"), headers={"Accept-Language": "en"})
    rows = {
        row.select_one("th").get_text(strip=True): row
        for row in soup(response).select("#result_list tbody tr")
    }
    assert set(rows) == {"Contact", "Privacy"}
    assert rows["Contact"].select_one(".field-status_label").get_text(strip=True) == "Draft"
    assert "Online" in rows["Privacy"].select_one(".field-status_label").get_text()
    assert rows["Contact"].select_one(".field-translation_status .tr-badge--current")
    assert rows["Privacy"].select_one(".field-translation_status .tr-badge--missing")


def test_a_page_cannot_take_the_kind_of_another_page(client, editor):
    PageFactory(kind=Kind.PRIVACY, title_nl="Privacy")
    page = PageFactory(kind=Kind.CONTACT, title_nl="Contact")
    url = change_url(page)
    response = client.post(url, {**form_data(client.get(url)), "kind": Kind.PRIVACY})
    assert response.status_code == 200
    assert any(
        "already a service page of this kind" in e or "al een dienstpagina" in e
        for e in errors_of(response)
    )
    page.refresh_from_db()
    assert page.kind == Kind.CONTACT


def test_a_second_editor_on_the_same_page_is_refused_and_keeps_the_text(client, editor, soup):
    page = PageFactory(kind=Kind.CONTACT, body_nl="<p>Eerste tekst.</p>")
    url = change_url(page)
    opened_by_both = form_data(client.get(url))
    first = {**opened_by_both, "body_nl": "<p>Tekst van de eerste redacteur.</p>"}
    assert client.post(url, first).status_code == 302
    second = {**opened_by_both, "body_nl": "<p>Tekst van de tweede redacteur.</p>"}
    response = client.post(url, second)
    assert response.status_code == 200
    assert any("Someone else saved" in e or "Iemand anders" in e for e in errors_of(response))
    assert "Tekst van de tweede redacteur." in soup(response).select_one("[name=body_nl]").text
    page.refresh_from_db()
    assert page.body_nl == "<p>Tekst van de eerste redacteur.</p>"


def test_page_history_compares_and_restores_a_version(client, editor, soup):
    page = PageFactory(kind=Kind.CONTACT, title_nl="Contact", body_nl="<p>Oud.</p>")
    save_in_admin(client, page)
    save_in_admin(client, page, body_nl="<p>Nieuw.</p>")
    newest, oldest = Version.objects.get_for_object(page).order_by("-revision__date_created")
    history = soup(client.get(reverse("admin:pages_page_history", args=[page.pk])))
    assert editor.username in history.select_one("#change-history").get_text()
    compare = client.get(
        reverse("admin:pages_page_compare", args=[page.pk]), {"from": oldest.pk, "to": newest.pk}
    )
    rows = [
        [cell.get_text(" ", strip=True) for cell in tr.find_all(["th", "td"])]
        for tr in soup(compare).select(".compare-table tbody tr")
    ]
    assert [row[1:] for row in rows] == [["NL", "<p>Oud.</p>", "<p>Nieuw.</p>"]]
    revision_url = reverse("admin:pages_page_revision", args=[page.pk, oldest.pk])
    response = client.post(revision_url, form_data(client.get(revision_url)))
    assert response.status_code == 302, errors_of(response)
    client.logout()
    body = soup(client.get("/nl/info/contact/")).select_one(".rich-text")
    assert body.get_text(strip=True) == "Oud."
    assert Page.objects.get(pk=page.pk).version > oldest.field_dict["version"]
