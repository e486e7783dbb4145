"""The "what changed" page in /sitemap.xml, dated by its newest note (the search is not listed:
its results are "noindex")."""

from publishing.changes import latest_notes
from publishing.sitemaps import RouteSitemap


class ChangesSitemap(RouteSitemap):
    routes = ["findability:changes"]
    priority = 0.4
    changefreq = "weekly"

    def lastmod(self, item):
        newest = latest_notes(limit=1)
        return newest[0].noted_at if newest else None


sitemaps = {"changes": ChangesSitemap}
