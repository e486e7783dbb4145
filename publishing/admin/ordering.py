"""Ordering in the content admin: drag and drop (django-admin-sortable2) and, for the keyboard,
"Move up" / "Move down" actions. Reorders are bulk writes that send no signals, so they tell the
core themselves (``writes.reordered``)."""

from adminsortable2.admin import SortableAdminMixin
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from ..roles import is_translator
from ..writes import reordered
from .content import ContentAdmin


class SortableContentAdmin(SortableAdminMixin, ContentAdmin):
    """Drag-and-drop ordering in the list; reorders are bulk writes, so bump the version.

    Dragging needs a mouse or touch, so "Move up" / "Move down" actions do the same from the
    keyboard: tick the items, choose the action, press Go.
    """

    actions = ["move_up", "move_down"]
    # Items are ordered among these siblings (topics within their theme).
    order_within = None

    @admin.action(description=_("Move the selected items up"), permissions=["change"])
    def move_up(self, request, queryset):
        self._move(request, queryset, -1)

    @admin.action(description=_("Move the selected items down"), permissions=["change"])
    def move_down(self, request, queryset):
        self._move(request, queryset, +1)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if is_translator(request.user):
            for name in list(actions):
                if name.startswith("move_"):
                    del actions[name]
        return actions

    def _move(self, request, queryset, step):
        if is_translator(request.user):
            raise PermissionDenied
        selected = set(queryset.values_list("pk", flat=True))
        groups = {
            getattr(obj, self.order_within) if self.order_within else None for obj in queryset
        }
        for group in groups:
            siblings = self.model.objects.order_by("order", "pk")
            if self.order_within:
                siblings = siblings.filter(**{self.order_within: group})
            items = list(siblings)
            # Move each selected item one place, past an unselected neighbour only, so a block
            # of selected items moves together.
            indexes = range(len(items)) if step < 0 else range(len(items) - 1, -1, -1)
            for index in indexes:
                target = index + step
                if (
                    items[index].pk in selected
                    and 0 <= target < len(items)
                    and items[target].pk not in selected
                ):
                    items[index], items[target] = items[target], items[index]
            for position, item in enumerate(items, start=1):
                item.order = position
            self.model.objects.bulk_update(items, ["order"])
        reordered(self.model)

    def _update_order(self, updated_items, extra_model_filters):
        result = super()._update_order(updated_items, extra_model_filters)
        reordered(self.model)
        return result

    def _bulk_move(self, request, queryset, method):
        super()._bulk_move(request, queryset, method)
        reordered(self.model)

    def update_order(self, request):
        if is_translator(request.user):
            raise PermissionDenied
        return super().update_order(request)
