"""The pages every browser test visits: one list, one line per page.

A page is a name and a function that returns its path once the shipped content is loaded (slugs
come from the database). Add a page here and axe-core, the keyboard and the layout tests cover it
at both viewports. `admin=True` pages are visited logged in as a superuser. For example:

    Page("search-nl", _in("nl", lambda: reverse("search:results") + "?q=wonen")),
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils import translation

from pages.models import Page as ServicePage
from strategy.models import Mission, Theme, Topic


@dataclass(frozen=True)
class Page:
    name: str
    path: Callable[[], str]
    admin: bool = False
    status: int = 200

    def __str__(self):
        return self.name


def _in(language, url):
    """Resolve `url()` with the language's prefix and slugs."""

    def resolve():
        with translation.override(language):
            return url()

    return resolve


def _home():
    return reverse("strategy:home")


def _theme():
    return Theme.objects.published().first().get_absolute_url()


def _topic():
    return Topic.objects.published().select_related("theme").first().get_absolute_url()


def _missing():
    return reverse("strategy:theme", kwargs={"theme_slug": "no-such-page"})


def _change_form(model):
    def resolve():
        meta = model._meta
        return reverse(
            f"admin:{meta.app_label}_{meta.model_name}_change", args=[model.objects.first().pk]
        )

    return resolve


PAGES = [
    Page("home-nl", _in("nl", _home)),
    Page("home-en", _in("en", _home)),
    Page("theme-nl", _in("nl", _theme)),
    Page("theme-en", _in("en", _theme)),
    Page("topic-nl", _in("nl", _topic)),
    Page("topic-en", _in("en", _topic)),
    Page("404-nl", _in("nl", _missing), status=404),
    Page("404-en", _in("en", _missing), status=404),
    # The feedback endpoint takes POST only: a GET meets the 405 page.
    Page("405-en", _in("en", lambda: reverse("participation:submit")), status=405),
    Page("search-nl", _in("nl", lambda: reverse("findability:search") + "?q=wonen")),
    Page("search-en", _in("en", lambda: reverse("findability:search") + "?q=housing")),
    Page("search-empty-nl", _in("nl", lambda: reverse("findability:search") + "?q=zzzz")),
    Page("changes-nl", _in("nl", lambda: reverse("findability:changes"))),
    Page("changes-en", _in("en", lambda: reverse("findability:changes"))),
    Page("document-nl", _in("nl", lambda: reverse("strategy:document"))),
    Page("document-en", _in("en", lambda: reverse("strategy:document"))),
    Page("open-data-nl", _in("nl", lambda: reverse("opendata:about"))),
    Page("open-data-en", _in("en", lambda: reverse("opendata:about"))),
    Page("feedback-thanks-nl", _in("nl", lambda: reverse("participation:thanks"))),
    Page("accessibility-nl", _in("nl", lambda: reverse("pages:accessibility"))),
    Page("accessibility-en", _in("en", lambda: reverse("pages:accessibility"))),
    Page("privacy-nl", _in("nl", lambda: reverse("pages:privacy"))),
    Page("contact-en", _in("en", lambda: reverse("pages:contact"))),
    Page("admin-mission", _change_form(Mission), admin=True),
    Page("admin-theme", _change_form(Theme), admin=True),
    Page("admin-topic", _change_form(Topic), admin=True),
    Page("admin-service-page", _change_form(ServicePage), admin=True),
]

PUBLIC_PAGES = [page for page in PAGES if not page.admin]
