"""/sitemap.xml: every published page in each language, with its hreflang alternates.

Django's i18n sitemap calls ``location()`` under each language in turn, so the alternates come
from ``get_absolute_url()`` with the translated slugs (as the pages' own hreflang links do).
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from strategy.models import Mission, Theme, Topic


class I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

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


class HomeSitemap(I18nSitemap):
    priority = 1.0
    changefreq = "monthly"

    def items(self):
        return list(Mission.objects.only("pk", "updated_at")[:1]) or ["home"]

    def location(self, item):
        return reverse("strategy:home")

    def lastmod(self, item):
        return getattr(item, "updated_at", None)


class ThemeSitemap(I18nSitemap):
    priority = 0.8
    changefreq = "monthly"

    def items(self):
        return Theme.objects.published()

    def lastmod(self, item):
        return item.updated_at


class TopicSitemap(I18nSitemap):
    priority = 0.6
    changefreq = "monthly"

    def items(self):
        return Topic.objects.published().select_related("theme")

    def lastmod(self, item):
        return item.updated_at


def sitemaps():
    from pages.sitemaps import PageSitemap  # pages builds on I18nSitemap above

    return {
        "home": HomeSitemap,
        "themes": ThemeSitemap,
        "topics": TopicSitemap,
        "pages": PageSitemap,
    }
