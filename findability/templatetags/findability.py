"""Open Graph and Twitter card meta tags and JSON-LD structured data for every public page.

``{% page_meta title description trail… image=obj %}`` — the trail is what the breadcrumbs show
below the home page: objects with ``title`` and ``get_absolute_url()``, or ``{"label", "url"}``
dicts. The JSON-LD is a *data block* (``type="application/ld+json"``): browsers never execute it,
so a strict Content-Security-Policy does not block it; it is escaped like ``json_script`` so that
no text can close the ``<script>`` element early.
"""

import json

from django import template
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from publishing.alternates import absolute_url

register = template.Library()

# As django.utils.html.json_script: "<", ">" and "&" as JSON escapes, never as markup.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
# Open Graph locales of the languages the site may have (settings.LANGUAGES); another code is
# given as it is.
OG_LOCALES = {"nl": "nl_BE", "en": "en_GB", "fr": "fr_BE", "de": "de_BE"}
CITY = {
    "name": "Stad Gent",
    "url": "https://stad.gent/",
    "telephone": "+32 9 210 10 10",
    "email": "gentinfo@stad.gent",
}


def json_ld(data) -> str:
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(
        f'<script type="application/ld+json">{text.translate(_JSON_SCRIPT_ESCAPES)}</script>'
    )


def _crumb(item, absolute):
    if isinstance(item, dict):
        return {"name": str(item["label"]), "url": absolute(str(item["url"]))}
    return {"name": capfirst(str(item.title)), "url": absolute(item.get_absolute_url())}


def structured_data(request, url, title, description, trail):
    absolute = absolute_url
    home = absolute(reverse("strategy:home"))
    crumbs = [{"name": _("Mission and strategy"), "url": home}]
    flat = [part for item in trail for part in (item if isinstance(item, list) else [item])]
    crumbs += [_crumb(item, absolute) for item in flat if item]
    city_id = f"{home}#organization"
    return {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "GovernmentOrganization",
                "@id": city_id,
                "name": CITY["name"],
                "url": CITY["url"],
                "telephone": CITY["telephone"],
                "email": CITY["email"],
                "address": {
                    "@type": "PostalAddress",
                    "addressLocality": "Gent",
                    "postalCode": "9000",
                    "addressCountry": "BE",
                },
            },
            {
                "@type": "WebPage",
                "@id": url,
                "url": url,
                "name": title,
                "description": description,
                "inLanguage": get_language(),
                "isPartOf": {"@type": "WebSite", "name": settings.SITE_NAME, "url": home},
                "publisher": {"@id": city_id},
                "breadcrumb": {"@id": f"{url}#breadcrumb"},
            },
            {
                "@type": "BreadcrumbList",
                "@id": f"{url}#breadcrumb",
                "itemListElement": [
                    {"@type": "ListItem", "position": n, "name": c["name"], "item": c["url"]}
                    for n, c in enumerate(crumbs, start=1)
                ],
            },
        ],
    }


@register.simple_tag(takes_context=True)
def page_meta(context, title="", description="", *trail, image=None):
    request = context.get("request")
    if request is None:  # the bare 500 page renders without a request
        return ""
    try:
        request.get_host()
    except DisallowedHost:  # the 400 page for a forged Host header: no absolute URLs to give
        return ""
    title = capfirst(str(title or _("Our mission and strategy")))
    description = Truncator(" ".join(strip_tags(str(description or "")).split())).words(40)
    description = description or _("The mission and strategy of the City of Ghent.")
    url = context.get("canonical_url") or absolute_url(request.path)
    language = get_language()
    image_url = ""
    picture = getattr(image, "image", None)
    if picture:
        image_url = absolute_url(picture.url)
    meta = render_to_string(
        "findability/page_meta.html",
        {
            "title": title,
            "description": description,
            "url": url,
            "site_name": settings.SITE_NAME,
            "locale": OG_LOCALES.get(language, language),
            "other_locales": [
                OG_LOCALES.get(code, code) for code, _name in settings.LANGUAGES if code != language
            ],
            "image_url": image_url,
            "image_alt": getattr(image, "image_alt", "") if image_url else "",
        },
    )
    data = structured_data(request, url, title, description, trail)
    # ``meta`` comes from an autoescaping template, the JSON-LD from json_ld().
    return mark_safe(meta + json_ld(data))
