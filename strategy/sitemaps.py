"""The strategy's pages in /sitemap.xml: the home page, the whole strategy in one document, the
published themes and topics."""

from publishing.changes import with_last_change
from publishing.sitemaps import ContentSitemap, I18nSitemap, RouteSitemap

from .models import Mission, Theme, Topic


class HomeSitemap(I18nSitemap):
    priority = 1.0
    changefreq = "monthly"

    def items(self):
        # The mission's last significant change dates the home page (publishing.changes); before
        # any, or before the content is loaded, no date.
        return list(with_last_change(Mission.objects.only("pk"))[:1]) or [None]

    def lastmod(self, item):
        return getattr(item, "last_significant_change", None)


class ThemeSitemap(ContentSitemap):
    model = Theme
    priority = 0.8
    changefreq = "monthly"


class TopicSitemap(ContentSitemap):
    model = Topic
    priority = 0.6
    changefreq = "monthly"

    def items(self):
        return super().items().select_related("theme")


class DocumentSitemap(RouteSitemap):
    """The whole strategy in one document."""

    routes = ["strategy:document"]
    priority = 0.5
    changefreq = "monthly"


sitemaps = {
    "home": HomeSitemap,
    "document": DocumentSitemap,
    "themes": ThemeSitemap,
    "topics": TopicSitemap,
}
