from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from .models import Mission, MissionLine, Theme, Topic


class MissionLineInline(TranslationTabularInline):
    model = MissionLine
    extra = 0


@admin.register(Mission)
class MissionAdmin(TabbedTranslationAdmin):
    inlines = [MissionLineInline]


class TopicInline(TranslationTabularInline):
    model = Topic
    fields = ["title", "slug", "status", "order"]
    extra = 0
    show_change_link = True


@admin.register(Theme)
class ThemeAdmin(TabbedTranslationAdmin):
    list_display = ["title", "status", "order", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title_nl", "title_en"]
    inlines = [TopicInline]


@admin.register(Topic)
class TopicAdmin(TabbedTranslationAdmin):
    list_display = ["title", "theme", "status", "order", "updated_at"]
    list_filter = ["status", "theme"]
    search_fields = ["title_nl", "title_en"]
