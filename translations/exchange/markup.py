"""What a translated value may contain: rich text within the editor's allow-list, plain text
without markup. A value is refused rather than silently cleaned, so a translator learns what the
site would have dropped from their text."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from publishing.registry import Kind
from publishing.richtext import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    ALLOWED_URL_SCHEMES,
    check_nothing_lost,
    sanitize_html,
)

# A tag, end tag, comment or declaration: what makes text HTML rather than "a < b".
MARKUP = re.compile(r"<\s*[/!?]?\s*[A-Za-z]")


class _MarkupCheck(HTMLParser):
    """What in a rich text the editor's allow-list (publishing.richtext) would have to remove."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"<{tag}>")
            return
        # The sanitiser itself adds rel="noopener noreferrer" to links.
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ({"rel"} if tag == "a" else set())
        for name, value in attrs:
            if name not in allowed:
                self.problems.append(f"{name}=… on <{tag}>")
            elif name == "href" and urlsplit((value or "").strip()).scheme.lower() not in (
                ALLOWED_URL_SCHEMES | {""}
            ):
                self.problems.append(f"a link to {value!r}")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag not in ALLOWED_TAGS and f"<{tag}>" not in self.problems:
            self.problems.append(f"</{tag}>")

    def handle_decl(self, decl):
        self.problems.append(f"<!{decl}>")

    handle_pi = handle_decl


def clean_value(kind, value):
    """The value to store, or a ValidationError saying what is wrong with it."""
    if kind == Kind.RICH:
        checker = _MarkupCheck()
        checker.feed(value)
        checker.close()
        if checker.problems:
            raise ValidationError(
                _("markup that is not allowed: %(what)s") % {"what": ", ".join(checker.problems)},
                code="markup",
            )
        check_nothing_lost(value)  # a comment left open: the sanitiser would drop the rest
        return sanitize_html(value)
    if MARKUP.search(value):
        raise ValidationError(_("HTML markup in a plain-text field"), code="markup_in_plain_text")
    return value
