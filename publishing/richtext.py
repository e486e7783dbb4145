"""The allow-list for editors' rich text: structure and links, nothing that runs or restyles.

nh3 (Ammonia) parses the HTML like a browser and keeps only what is listed here: no scripts, no
event handlers, no ``style``, no iframes, and only http(s)/mailto/tel links.

Parsing like a browser also means that an element or comment left open (``<style>``,
``<script>``, ``<!--``, an attribute's quote) swallows all the text after it, which the sanitiser
then drops. Input is checked for that first (``check_nothing_lost``) and refused with a message,
so an editor or translator never sees their text vanish while the save reports success.
"""

import secrets

import nh3
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALLOWED_TAGS = {
    "h2", "h3", "h4", "h5", "h6", "p", "br", "ul", "ol", "li", "a", "strong", "em", "b", "i",
    "blockquote", "abbr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang", "lang"}, "abbr": {"title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def _swallows_what_follows(html, marker):
    """Whether text put after ``html`` disappears when sanitised: something in it is left open.

    Asking the sanitiser itself (rather than listing the elements it drops) covers whatever the
    HTML parser does with an open element, comment or quote."""
    return marker not in sanitize_html(f"{html}<p>{marker}</p>")


def unclosed_start(html: str) -> str | None:
    """The start of the element, comment or quote left open in ``html`` that makes the
    sanitiser drop the rest of the text (``<style>``, ``<!--``), or None when nothing is lost."""
    marker = f"kept{secrets.token_hex(8)}"
    if not _swallows_what_follows(html, marker):
        return None
    # The shortest beginning of the text that already swallows what follows ends just after
    # the culprit: bisect for it (a few dozen sanitiser runs, only for text that is refused).
    low, high = 0, len(html)
    while low < high:
        middle = (low + high) // 2
        if _swallows_what_follows(html[:middle], marker):
            high = middle
        else:
            low = middle + 1
    start = max(html.rfind("<", 0, low), 0)
    end = html.find(">", start) if html[start + 1 : start + 2].isalpha() else -1
    return html[start : end + 1 if end != -1 else low][:40]  # a start tag: all of it


def check_nothing_lost(html: str) -> None:
    """Raise a ValidationError when sanitising ``html`` would silently drop text after an
    element or comment that is not closed."""
    culprit = unclosed_start(html)
    if culprit is not None:
        raise ValidationError(
            _(
                "Everything after “%(start)s” would be lost: it is not closed. Close it or "
                "remove it, then save again."
            ),
            code="unclosed_markup",
            params={"start": culprit},
        )
