"""``{% fragment "name" %}…{% endfragment %}``: a piece of a public page, rendered once per content
version.

A page's content changes only when the content version does (``freshness``), so the expensive
parts of a page (the theme cards with their topic links, the JSON-LD) are rendered once per
version, language, address and name, and kept in the shared cache like ``cached_content`` keeps
values: until the next edit, ``FRAGMENT_CACHE_SECONDS``, or the next scheduled publication
moment. This makes a page-cache miss (and a page with the page cache off) cheap.

Rendered afresh, never stored or read, for anyone who may see something other than the public
page: a preview, or a visitor with a session or CSRF cookie (``pagecache.is_personal``). Put
nothing in a fragment that depends on the request beyond its address and language (no user, no
query string, no form token). Use fragments in templates of pages that exist (a view renders them
after its 404 check): keyed by address, a fragment in an error page would let anyone fill the
cache with made-up addresses.
"""

import hashlib

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from ..freshness import cached_content
from ..pagecache import is_personal

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        request = context.get("request")
        if (
            request is None
            or not settings.FRAGMENT_CACHE_SECONDS
            or context.get("preview")
            or is_personal(request)
        ):
            return self.nodelist.render(context)
        path = hashlib.blake2b(request.path.encode(), digest_size=16).hexdigest()
        key = f"fragment:{self.name}:{get_language()}:{path}"
        html = cached_content(
            key, lambda: self.nodelist.render(context), settings.FRAGMENT_CACHE_SECONDS
        )
        # The template's own output, escaped as it was rendered.
        return mark_safe(html)


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError('Usage: {% fragment "name" %}…{% endfragment %}')
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(bits[1][1:-1], nodelist)
