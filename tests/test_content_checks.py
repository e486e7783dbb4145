"""Content checks before publishing: each check reports on a crafted text; the panel shows them
on the change form and advises without blocking."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from contentchecks import checks, markup
from contentchecks.readability import readability
from publishing.models import Status
from tests.admin_helpers import form_data
from tests.factories import MissionFactory, MissionLineFactory, ThemeFactory, TopicFactory

PLAIN_NL = (
    "De stad wil dat iedereen goed kan wonen. Daarom bouwen we meer huizen. "
    "We maken de straten veiliger. Kinderen spelen buiten. Ouderen vinden hulp dichtbij."
)
HARD_NL = (
    "De gemeentelijke beleidsdoelstellingen inzake duurzaamheidsbevorderende "
    "infrastructuurinvesteringen worden geïmplementeerd conform de interbestuurlijke "
    "samenwerkingsovereenkomsten en de desbetreffende regelgevingskaders van de overheid. "
    "Budgettaire herallocaties worden periodiek geëvalueerd door intergemeentelijke adviesorganen."
)
PLAIN_EN = (
    "The city wants everyone to live well. So we build more homes. We make the streets "
    "safer. Children play outside. Older people find help close by."
)
HARD_EN = (
    "Notwithstanding the aforementioned considerations, the municipality's infrastructural "
    "investment prioritisation methodology necessitates comprehensive interdepartmental "
    "consultation regarding environmental sustainability implications and administrative "
    "accountability."
)


@pytest.fixture(autouse=True)
def dutch():
    """The messages in Dutch, whatever language an earlier test left active."""
    with translation.override("nl"):
        yield


def test_plain_dutch_meets_the_flesch_douma_target_and_officialese_does_not():
    assert readability(PLAIN_NL, "nl").meets_target
    hard = readability(HARD_NL, "nl")
    assert not hard.meets_target and hard.score < 0


def test_plain_english_meets_the_flesch_target_and_officialese_does_not():
    assert readability(PLAIN_EN, "en").meets_target
    assert not readability(HARD_EN, "en").meets_target


def test_a_short_text_is_not_measured():
    finding = checks.check_readability("Kort en goed.", "nl")
    assert finding.passed and "te kort" in str(finding.message)


def test_readability_advice_names_the_formula_and_the_target():
    finding = checks.check_readability(HARD_NL, "nl")
    assert not finding.passed
    assert "Flesch-Douma" in str(finding.message) and "60" in str(finding.message)


def test_the_longest_sentences_are_listed_longest_first():
    long_one = " ".join(["woord"] * 30) + "."
    longer_one = " ".join(["woord"] * 40) + "."
    finding = checks.check_sentences(f"Kort. {long_one} Ook kort. {longer_one}")
    assert not finding.passed
    assert [str(item).split(" ")[0] for item in finding.items] == ["40", "30"]
    assert checks.check_sentences(PLAIN_NL).passed


def test_heading_order_and_empty_links_are_reported():
    body = markup.read(
        "<h2>Wonen</h2><h4>Huren</h4><h1>Titel</h1>"
        '<p>Zie <a href="/nl/wonen/"></a> en <a href="">hier</a>.</p>'
    )
    finding = checks.check_structure([body])
    assert not finding.passed
    text = " ".join(str(item) for item in finding.items)
    assert "“Huren” springt van niveau 2 naar niveau 4." in text
    assert "“Titel”" in text
    assert "Een link naar /nl/wonen/ heeft geen tekst." in text
    assert "“hier”" in text
    good = markup.read('<h2>Wonen</h2><h3>Huren</h3><p><a href="/nl/">Start</a></p>')
    assert checks.check_structure([good]).passed


@pytest.mark.parametrize(
    "alt",
    ["afbeelding", "Image", "IMG_2034.JPG", "foto-stadhuis.jpg", "DSC 0042", "foto", "  "],
)
def test_an_alt_text_that_says_nothing_is_reported(alt):
    assert checks.says_nothing(alt, "themes/foto-stadhuis.jpg")
    finding = checks.check_alt_texts([(alt, "themes/foto-stadhuis.jpg")])
    assert not finding.passed


def test_a_describing_alt_text_passes():
    alt = "Fietsers op de Coupure bij zonsondergang"
    assert not checks.says_nothing(alt, "themes/coupure.jpg")
    assert checks.check_alt_texts([(alt, "themes/coupure.jpg")]).passed


@pytest.mark.django_db
def test_internal_links_to_drafts_and_unknown_pages_are_reported():
    live = ThemeFactory(slug_nl="wonen")
    TopicFactory(theme=live, slug_nl="huren")
    ThemeFactory(slug_nl="klad", status=Status.DRAFT)
    body = markup.read(
        '<p><a href="/nl/wonen/">ok</a> <a href="/nl/wonen/huren/">ok</a> '
        '<a href="/nl/zoeken/">ok</a> <a href="https://www.gent.be/">extern</a> '
        '<a href="/nl/klad/">klad</a> <a href="/nl/bestaat-niet/">weg</a> '
        '<a href="/nl/wonen/kopen/">weg</a> <a href="/niets">weg</a></p>'
    )
    finding = checks.check_internal_links([body], checks.site_addresses)
    assert not finding.passed
    assert finding.items == ["/nl/klad/", "/nl/bestaat-niet/", "/nl/wonen/kopen/", "/niets"]


@pytest.mark.django_db
def test_a_link_on_the_public_origin_counts_as_internal(settings):
    settings.PUBLIC_ORIGIN = "https://strategie.gent.be"
    body = markup.read('<p><a href="https://strategie.gent.be/nl/geen-thema/">x</a></p>')
    assert not checks.check_internal_links([body], checks.site_addresses).passed


@pytest.mark.django_db
def test_link_check_queries_do_not_grow_with_the_content():
    def queries_for(count):
        for _ in range(count):
            TopicFactory()
        body = markup.read('<p><a href="/nl/iets/">x</a></p>')
        with CaptureQueriesContext(connection) as queries:
            checks.check_internal_links([body], checks.site_addresses)
        return len(queries)

    assert queries_for(2) == queries_for(10)


@pytest.mark.django_db
def test_every_language_with_text_gets_its_own_report():
    theme = ThemeFactory(
        intro_nl=HARD_NL, intro_en=PLAIN_EN, body_nl="<h3>Te diep</h3>", body_en="<h2>Fine</h2>"
    )
    reports = {report.language: report for report in checks.check_item(theme)}
    assert set(reports) == {"nl", "en"}
    assert not reports["nl"].findings[0].passed and not reports["nl"].findings[2].passed
    assert reports["en"].findings[0].passed and reports["en"].findings[2].passed


@pytest.mark.django_db
def test_the_mission_is_checked_with_its_lines():
    mission = MissionFactory()
    MissionLineFactory(mission=mission, text_nl=" ".join(["lang"] * 30) + ".")
    nl = next(r for r in checks.check_item(mission) if r.language == "nl")
    long_sentences = nl.findings[1]
    assert not long_sentences.passed


@pytest.mark.django_db
def test_the_change_form_shows_the_panel_and_a_save_is_not_blocked(client, editor, soup):
    theme = ThemeFactory(intro_nl=HARD_NL, body_nl='<h4>Sprong</h4><p><a href="/nl/x/">x</a></p>')
    url = reverse("admin:strategy_theme_change", args=[theme.pk])
    page = soup(client.get(url))
    panel = page.select_one(".content-checks-panel")
    assert panel is not None
    text = panel.get_text(" ", strip=True)
    assert "Leesbaarheid" in text and "Flesch-Douma" in text
    assert "Links binnen de site" in text and "/nl/x/" in text
    buttons = panel.select("[data-axe-check]")
    assert buttons[0]["data-preview"] == theme.get_absolute_url()
    assert buttons[0]["data-axe"].endswith("contentchecks/axe.min.js")
    assert page.select_one('script[src$="contentchecks/checks.js"]') is not None

    data = form_data(client.get(url))
    data["status"] = Status.PUBLISHED
    assert client.post(url, data).status_code == 302  # advice, not a refusal


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["topic", "page", "mission"])
def test_every_content_form_has_the_panel(client, editor, soup, name):
    from tests.factories import PageFactory

    obj = {"topic": TopicFactory, "page": PageFactory, "mission": MissionFactory}[name]()
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    assert soup(client.get(url)).select_one(".content-checks-panel") is not None


@pytest.mark.django_db
def test_a_new_item_has_no_panel_yet(client, editor, soup):
    page = soup(client.get(reverse("admin:strategy_theme_add")))
    assert page.select_one(".content-checks-panel") is None


@pytest.mark.django_db
def test_a_live_pages_panel_checks_its_unpublished_changes(client, editor, soup):
    theme = ThemeFactory(body_nl="<h2>Goed</h2><p>Korte tekst.</p>")
    url = reverse("admin:strategy_theme_change", args=[theme.pk])
    data = form_data(client.get(url), press=None)  # "Save": a draft of the change
    data["body_nl"] = '<h4>Sprong</h4><p><a href="/nl/nergens/">x</a></p>'
    assert client.post(url, data).status_code == 302
    theme.refresh_from_db()
    assert "Sprong" not in theme.body_nl  # still live as it was

    panel = soup(client.get(url)).select_one(".content-checks-panel")
    assert "/nl/nergens/" in panel.get_text(" ", strip=True)  # the draft's text is checked
    button = panel.select("[data-axe-check]")[0]
    assert button["data-preview"] == theme.get_absolute_url() + "?draft=1"
