"""Change lists that answer a malformed date filter with "wrong filter", never a 500.

Django's ChangeList turns a date-hierarchy value it cannot read into IncorrectLookupParameters
(the admin then shows the unfiltered list), but not all of them: a year of 9999 overflows when
the end of the year is computed, and a twenty-digit year overflows ``datetime`` itself; both
escaped as a 500, in our admins and in django-axes's alike. Hand-written because it is a gap in
Django's own ChangeList that no maintained package closes.
"""

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList

_bounded = {}


class BoundedFiltersMixin:
    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error


def bounded(changelist_class):
    """``changelist_class`` with the malformed-date guard (one subclass per class)."""
    if issubclass(changelist_class, BoundedFiltersMixin):
        return changelist_class
    if changelist_class not in _bounded:
        _bounded[changelist_class] = type(
            f"Bounded{changelist_class.__name__}", (BoundedFiltersMixin, changelist_class), {}
        )
    return _bounded[changelist_class]


def guard_change_lists(site):
    """Give every model admin registered on ``site`` (third-party ones too) the guard."""
    for model_admin in site._registry.values():
        original = model_admin.get_changelist

        def get_changelist(request, _original=original, **kwargs):
            changelist_class = _original(request, **kwargs)
            if issubclass(changelist_class, ChangeList):
                return bounded(changelist_class)
            return changelist_class

        model_admin.get_changelist = get_changelist
