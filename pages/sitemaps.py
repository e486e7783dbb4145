from findability.sitemaps import I18nSitemap

from .models import Page


class PageSitemap(I18nSitemap):
    priority = 0.3
    changefreq = "yearly"

    def items(self):
        return Page.objects.all()

    def lastmod(self, item):
        return item.updated_at
