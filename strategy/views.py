from django.http import Http404
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from publishing.alternates import page_links
from publishing.changes import with_last_change
from publishing.pagecache import cache_public_page, public_lookup
from publishing.preview import render_content, with_draft

from .models import Mission, Theme, Topic


@require_safe
@cache_public_page
def home(request):
    def lookup():
        mission = with_last_change(Mission.objects.prefetch_related("lines")).first()
        return mission, page_links(request)

    mission, links = public_lookup(request, "home", lookup)
    mission, draft = with_draft(request, mission)
    themes = Theme.objects.published().with_published_topics()
    context = {"mission": mission, "themes": themes, **links}
    return render_content(request, "strategy/home.html", context, draft=draft)


@require_safe
@cache_public_page
def document(request):
    """The mission, every theme and every topic in order, on one page to read, print or save."""
    mission = Mission.objects.prefetch_related("lines").first()
    themes = Theme.objects.published().with_published_topics()
    context = {
        "mission": mission,
        "themes": themes,
        "crumbs": [{"label": _("The whole strategy"), "url": reverse("strategy:document")}],
        **page_links(request, "strategy:document"),
    }
    return render_content(request, "strategy/document.html", context)


@require_safe
@cache_public_page
def theme_detail(request, theme_slug):
    # Staff may open any theme (a preview); visitors only published ones (404 otherwise).
    def lookup():
        themes = Theme.objects.visible_to(request.user).with_slug(theme_slug)
        theme = with_last_change(themes).first()
        if theme is None:
            raise Http404  # never cached: unknown addresses must not fill the cache
        return theme, page_links(request, theme)

    theme, links = public_lookup(request, "theme", lookup)
    preview = not theme.is_live()
    theme, draft = with_draft(request, theme)
    if draft:
        links = page_links(request, theme)
    # Read only if the page's content is rendered, not when it comes from the fragment cache.
    # A draft theme is a staff preview: its topics are filtered by their own state only.
    theme.published_topics = SimpleLazyObject(lambda: list(theme.topics.published_ignoring_theme()))
    return render_content(
        request,
        "strategy/theme_detail.html",
        {"theme": theme, **links},
        preview=preview,
        draft=draft,
    )


@require_safe
@cache_public_page
def topic_detail(request, theme_slug, topic_slug):
    def lookup():
        topics = Topic.objects.visible_to(request.user).in_theme(theme_slug).with_slug(topic_slug)
        topic = with_last_change(topics.select_related("theme")).first()
        if topic is None:
            raise Http404  # never cached: unknown addresses must not fill the cache
        return topic, page_links(request, topic)

    topic, links = public_lookup(request, "topic", lookup)
    topic, draft = with_draft(request, topic)
    if draft:
        links = page_links(request, topic)
    context = {
        "topic": topic,
        "theme": topic.theme,
        # A callable, so the template builds the query only if it renders the list: when the page's
        # content comes from the fragment cache, building it would cost more than the rest.
        "siblings": lambda: Topic.objects.published().filter(theme=topic.theme),
        **links,
    }
    preview = not (topic.is_live() and topic.theme.is_live())
    return render_content(
        request, "strategy/topic_detail.html", context, preview=preview, draft=draft
    )
