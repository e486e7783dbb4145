"""The progress page per language: words to translate and to review, and the export of only
what is missing or outdated."""

import polib
import pytest

from tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db

PROGRESS = "/admin/translations/fieldtranslation/progress/"


@pytest.fixture
def themes(committed):
    with committed():
        done = ThemeFactory(title_nl="Klaar", title_en="Done", intro_nl="Alles.", intro_en="All.")
        missing = ThemeFactory(
            title_nl="Nog niet", title_en="", slug_en="", intro_nl="Drie woorden hier.", intro_en=""
        )
        outdated = ThemeFactory(
            title_nl="Verouderd",
            title_en="Outdated",
            body_nl="<p>Blijft zo.</p>\n<p>Oud.</p>",
            body_en="<p>Stays.</p>\n<p>Old.</p>",
        )
        outdated.body_nl = "<p>Blijft zo.</p>\n<p>Twee nieuwe.</p>"
        outdated.save()
    return {"done": done, "missing": missing, "outdated": outdated}


def test_words_to_translate_and_to_review_per_language(client, translator, themes, soup):
    page = soup(client.get(PROGRESS))
    row = page.select_one(".tr-progress tbody tr")
    cells = [cell.get_text(strip=True) for cell in row.find_all("td")]
    # Missing: "Nog niet" (2), "nog-niet" (1), "Drie woorden hier." (3).
    assert cells[0] == "6"
    # Outdated: only the changed paragraph, "Twee nieuwe." (2), not "Blijft zo.".
    assert cells[1] == "2"
    assert cells[3] == "2"  # two items to work on


def test_the_export_link_gives_only_what_is_missing_or_outdated(client, translator, themes, soup):
    link = soup(client.get(PROGRESS)).select_one(".tr-progress a")["href"]
    po = polib.pofile(client.get(link).content.decode())
    items = {entry.msgctxt.split(":")[1] for entry in po}
    assert str(themes["done"].pk) not in items
    assert {str(themes["missing"].pk), str(themes["outdated"].pk)} <= items
    assert all(entry.msgstr == "" or "fuzzy" in entry.flags for entry in po)


def test_the_overview_links_to_the_progress_page(client, translator, soup):
    page = soup(client.get("/admin/translations/fieldtranslation/"))
    assert page.find("a", href=PROGRESS) is not None


def test_someone_without_admin_access_is_refused(client, db):
    response = client.get(PROGRESS)
    assert response.status_code == 302


def test_queries_do_not_grow_with_the_content(client, translator, themes):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(PROGRESS)
    with CaptureQueriesContext(connection) as few:
        client.get(PROGRESS)
    for number in range(5):
        ThemeFactory(title_en="", slug_en="", intro_en="", body_nl=f"<p>Alinea {number}.</p>")
    with CaptureQueriesContext(connection) as many:
        client.get(PROGRESS)
    assert len(many) == len(few)


@pytest.mark.parametrize(("state", "expected"), [("missing", "missing"), ("outdated", "outdated")])
def test_the_export_can_hold_only_what_is_missing_or_only_what_is_outdated(
    client, translator, themes, soup, state, expected
):
    links = soup(client.get(PROGRESS)).select(".tr-progress a")
    (link,) = [a["href"] for a in links if f"state={state}" in a["href"]]
    response = client.get(link)
    assert f"-{state}" in response["Content-Disposition"]
    po = polib.pofile(response.content.decode())
    items = {int(entry.msgctxt.split(":")[1]) for entry in po}
    assert items == {themes[expected].pk}


def test_an_unknown_state_exports_what_needs_translating(client, translator, themes):
    po = polib.pofile(
        client.get("/admin/translations/fieldtranslation/export/?state=nonsense").content.decode()
    )
    items = {int(entry.msgctxt.split(":")[1]) for entry in po}
    assert items == {themes["missing"].pk, themes["outdated"].pk}
