"""The published service pages in /sitemap.xml."""

from publishing.sitemaps import ContentSitemap

from .models import Page


class PageSitemap(ContentSitemap):
    model = Page
    priority = 0.3
    changefreq = "yearly"


sitemaps = {"pages": PageSitemap}
