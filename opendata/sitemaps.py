"""The page about the open data in /sitemap.xml (the data itself is not a page)."""

from publishing.sitemaps import RouteSitemap


class OpenDataSitemap(RouteSitemap):
    routes = ["opendata:about"]
    priority = 0.3
    changefreq = "yearly"


sitemaps = {"open-data": OpenDataSitemap}
