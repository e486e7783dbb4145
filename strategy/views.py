from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from gent.pagecache import cache_public_page

from .alternates import page_links
from .models import Mission, Theme, Topic


@require_safe
@cache_public_page
def home(request):
    mission = Mission.objects.prefetch_related("lines").first()
    themes = Theme.objects.published().with_published_topics()
    context = {"mission": mission, "themes": themes, **page_links(request)}
    return render(request, "strategy/home.html", context)


@require_safe
@cache_public_page
def theme_detail(request, theme_slug):
    theme = get_object_or_404(
        Theme.objects.published().with_published_topics().with_slug(theme_slug)
    )
    return render(
        request, "strategy/theme_detail.html", {"theme": theme, **page_links(request, theme)}
    )


@require_safe
@cache_public_page
def topic_detail(request, theme_slug, topic_slug):
    topics = Topic.objects.visible().in_theme(theme_slug).with_slug(topic_slug)
    topic = get_object_or_404(topics.select_related("theme"))
    siblings = Topic.objects.published().filter(theme=topic.theme)
    context = {
        "topic": topic,
        "theme": topic.theme,
        "siblings": siblings,
        **page_links(request, topic),
    }
    return render(request, "strategy/topic_detail.html", context)
