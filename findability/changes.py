"""What changed: the editors' change notes of visible items, newest first, as a page and as an
Atom feed per language (``publishing.changes`` holds the notes and the visibility rule)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from publishing.alternates import absolute_url, page_links
from publishing.changes import latest_notes
from publishing.pagecache import cache_public_page
from publishing.preview import render_content

# Enough for anyone catching up; older notes stay in the items' history in the admin.
PAGE_NOTES = 100
FEED_NOTES = 50

TITLE = _("What changed")


@require_safe
@cache_public_page
def changes_page(request):
    context = {
        "notes": latest_notes(PAGE_NOTES),
        "crumbs": [{"label": TITLE, "url": reverse("findability:changes"), "lang": ""}],
        **page_links(request, "findability:changes"),
    }
    return render_content(request, "findability/changes.html", context)


class ChangesFeed(Feed):
    """The notes in the active language (the URL's prefix; Django's ``Feed`` also declares it),
    Dutch where not translated."""

    feed_type = Atom1Feed
    title = _("What changed in the City of Ghent's mission and strategy")
    subtitle = _("Significant changes to the mission, the themes and their topics.")
    author_name = _("City of Ghent")

    def link(self):
        return absolute_url(reverse("findability:changes"))

    def feed_url(self):
        return absolute_url(reverse("findability:changes-feed"))

    def items(self):
        return latest_notes(FEED_NOTES)

    def item_title(self, note):
        return str(note.item)

    def item_description(self, note):
        return note.text

    def item_link(self, note):
        return absolute_url(note.item.get_absolute_url())

    def item_guid(self, note):
        # One item may have several notes: the note, not the page, is the entry.
        return f"{absolute_url(reverse('findability:changes'))}#change-{note.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, note):
        return note.noted_at

    def item_updateddate(self, note):
        return note.noted_at


changes_feed = require_safe(cache_public_page(ChangesFeed()))
