"""The import page as a translator meets it: a dry run, then one button to apply it (checked
again), a report that names items by title with a link and shows text rather than markup."""

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from reversion.models import Version

from strategy.models import Theme
from tests.factories import ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db

IMPORT = "/admin/translations/fieldtranslation/import/"
EXPORT = "/admin/translations/fieldtranslation/export/"
ENGLISH = {"Accept-Language": "en"}


@pytest.fixture
def theme():
    return ThemeFactory(
        title_nl="Stad van de toekomst",
        title_en="",
        slug_en="",
        intro_en="",
        body_nl='<p>Lees het <a href="https://stad.gent/plan">plan</a>.</p>',
        body_en="",
    )


def translated(client, theme, kind="po"):
    content = client.get(EXPORT + f"?format={kind}").content.decode()
    po = polib.pofile(content)
    for entry in po:
        if entry.msgctxt == f"strategy.theme:{theme.pk}:title":
            entry.msgstr = "City of the future"
        if entry.msgctxt == f"strategy.theme:{theme.pk}:body:1":
            entry.msgstr = "Read the {1}plan{/1}."
    return str(po)


def dry_run(client, content):
    data = {"file": SimpleUploadedFile("en.po", content.encode()), "dry_run": "on"}
    return client.post(IMPORT, data, headers=ENGLISH)


def apply_button(page):
    return page.select_one(".tr-apply button[name=apply]")


def test_a_dry_run_offers_to_apply_without_uploading_again(client, translator, soup, theme):
    page = soup(dry_run(client, translated(client, theme)))
    assert Theme.objects.get().title_en == ""
    button = apply_button(page)
    assert button.get_text(strip=True) == "Apply these changes"

    response = client.post(IMPORT, {"apply": button["value"]}, headers=ENGLISH)

    assert response.status_code == 200
    report = soup(response).select_one(".tr-report")
    assert report.h2.get_text(strip=True) == "Imported"
    theme = Theme.objects.get()
    assert theme.title_en == "City of the future"
    assert theme.body_en.startswith('<p>Read the <a href="https://stad.gent/plan"')
    latest = Version.objects.get_for_object(theme).first()
    assert latest.revision.user == translator
    workbench = f"/admin/translations/fieldtranslation/work/strategy.theme/{theme.pk}/en/"
    assert report.find("a", href=workbench) is not None
    # Applied once: the same button again finds nothing to apply.
    again = client.post(IMPORT, {"apply": button["value"]}, headers=ENGLISH)
    assert again.status_code == 400
    assert "no longer available" in soup(again).select_one(".errornote").get_text()


def test_the_report_names_items_by_title_with_a_link_and_shows_text(
    client, translator, soup, theme
):
    report = soup(dry_run(client, translated(client, theme))).select_one(".tr-report")
    heading = report.find(lambda tag: tag.name == "h3" and "Would change" in tag.get_text())
    items = heading.find_next("ul")
    links = {a.get_text(strip=True): a["href"] for a in items.select("a")}
    url = f"/admin/strategy/theme/{theme.pk}/change/"
    assert links == {
        "theme “Stad van de toekomst” · title": url,
        "theme “Stad van de toekomst” · body": url,
    }
    text = items.get_text()
    assert "Read the plan." in text
    assert "<a" not in text and "strategy.theme:" not in text


def test_applying_checks_the_file_again_against_the_content_as_it_is_then(
    client, translator, soup, theme
):
    page = soup(dry_run(client, translated(client, theme)))
    theme = Theme.objects.get()
    theme.title_nl = "Stad van morgen"  # an editor changes the Dutch meanwhile
    theme.save()

    response = client.post(IMPORT, {"apply": apply_button(page)["value"]}, headers=ENGLISH)

    report = soup(response).select_one(".tr-report")
    assert report.h2.get_text(strip=True) == "Nothing was imported"
    assert "the Dutch text changed since the export" in report.get_text()
    assert Theme.objects.get().title_en == ""


def test_a_forged_or_older_token_applies_nothing(client, translator, soup, theme):
    first = apply_button(soup(dry_run(client, translated(client, theme))))["value"]
    dry_run(client, translated(client, theme))  # a newer dry run replaces the kept file
    for token in (first, "forged", ""):
        response = client.post(IMPORT, {"apply": token}, headers=ENGLISH)
        assert response.status_code == 400
    assert Theme.objects.get().title_en == ""


def test_a_kept_dry_run_expires(client, translator, soup, theme, settings, monkeypatch):
    token = apply_button(soup(dry_run(client, translated(client, theme))))["value"]
    import time

    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + settings.PO_IMPORT_PENDING_SECONDS + 1)
    response = client.post(IMPORT, {"apply": token}, headers=ENGLISH)
    assert response.status_code == 400
    assert Theme.objects.get().title_en == ""


def test_a_dry_run_with_problems_offers_nothing_to_apply(client, translator, soup, theme):
    content = translated(client, theme).replace("City of the future", "City <b>of</b>")
    page = soup(dry_run(client, content))
    assert page.select_one(".tr-report h2").get_text(strip=True) == "Nothing was imported"
    assert apply_button(page) is None


def test_another_user_cannot_apply_a_translators_dry_run(client, translator, soup, theme):
    token = apply_button(soup(dry_run(client, translated(client, theme))))["value"]
    client.force_login(UserFactory(groups=["Vertaler"]))  # a new session
    assert client.post(IMPORT, {"apply": token}, headers=ENGLISH).status_code == 400
    assert Theme.objects.get().title_en == ""


@pytest.mark.parametrize("kind", ["xliff12", "xliff20"])
def test_the_overview_exports_xliff(client, translator, theme, kind):
    response = client.get(EXPORT + f"?format={kind}&language=en")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xliff+xml")
    assert response["Content-Disposition"] == 'attachment; filename="translations-en.xlf"'
    assert b"<xliff" in response.content


def test_an_export_of_only_what_is_missing(client, translator, theme):
    theme.intro_en = "Old."
    theme.save()
    theme.intro_nl = "Nieuw."
    theme.save()  # the English introduction is outdated, the title missing
    content = client.get(EXPORT + "?state=missing&language=en").content.decode()
    contexts = {entry.msgctxt for entry in polib.pofile(content)}
    assert f"strategy.theme:{theme.pk}:title" in contexts
    assert f"strategy.theme:{theme.pk}:intro" not in contexts
