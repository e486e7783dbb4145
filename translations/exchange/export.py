"""The file a translator downloads: what needs translating, or everything, as PO or XLIFF.

An export holds only the items its user may change. A file with other items in it could never
be imported back as a whole, and the translator could not tell which entries were theirs.
"""

from publishing.registry import content_models

from .formats import PO, write
from .units import units_for


def all_content():
    """Every translatable item, in the order a translator reads the site."""
    for model in content_models():
        yield from model._default_manager.all()


def export_file(objects, language, *, user=None, everything=False, states=None, kind=PO) -> str:
    """The exchange file for ``language`` (``kind``: ``formats.PO``, ``XLIFF_12`` or
    ``XLIFF_20``): what needs translating in ``objects``, or all of it, leaving out the items
    ``user`` may not change (``None``: a management command, which may). ``states``: only the
    fields in these states (only what is missing, say)."""
    units = units_for(objects, language, user=user, everything=everything, states=states)
    return write(units, language, kind)


def export_po(objects, language, *, user=None, everything=False, states=None) -> str:
    return export_file(objects, language, user=user, everything=everything, states=states)
