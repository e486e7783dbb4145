"""The base of every app's sitemap: each page in each language, with its hreflang alternates.

Django's i18n sitemap calls ``location()`` under each language in turn; the address comes from
``publishing.alternates.page_path``, as the pages' own hreflang links do, so translated slugs
and translated routes come out right. Each app lists its own pages (``strategy/sitemaps.py``,
``pages/sitemaps.py``, …); ``gent/urls.py`` puts them together. Content sitemaps list
``published()`` items only: the one visibility rule.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap

from .alternates import page_path
from .changes import with_last_change


class I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def location(self, item):
        return page_path(item)

    # The addresses are on the public origin, not the request's host and port (Django's sitemap
    # view passes a RequestSite built from the Host header, and the request's scheme).
    def get_protocol(self, protocol=None):
        return urlsplit(settings.PUBLIC_ORIGIN).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.PUBLIC_ORIGIN).netloc

    def _urls(self, page, protocol, domain):
        # Django builds x-default by removing "/nl/" from the Dutch URL, which assumes the default
        # language has no prefix. Ours has one (and a bare path redirects by the visitor's language,
        # which fails for a Dutch slug under /en/), so x-default is the Dutch page, as in <head>.
        urls = super()._urls(page, protocol, domain)
        for info in urls:
            by_language = {alt["lang_code"]: alt for alt in info["alternates"]}
            if "x-default" in by_language and settings.LANGUAGE_CODE in by_language:
                by_language["x-default"]["location"] = by_language[settings.LANGUAGE_CODE][
                    "location"
                ]
        return urls


class ContentSitemap(I18nSitemap):
    """The published items of one content type (``model``), each dated by its last significant
    change (``publishing.changes``; a typo fix does not ask crawlers to come back), or by its
    creation before any."""

    model = None

    def items(self):
        return with_last_change(self.model.objects.published())

    def lastmod(self, item):
        return item.last_significant_change or item.created_at


class RouteSitemap(I18nSitemap):
    """Pages with a fixed, translated route and no content object: ``routes`` are route names."""

    routes = ()

    def items(self):
        return list(self.routes)
