from django import template

from ..forms import page_ref
from ..models import SUGGESTION_MAX_LENGTH

register = template.Library()


@register.inclusion_tag("participation/feedback_form.html")
def feedback_form(obj, errors=None, values=None):
    """The "Was this page useful?" form for a theme or topic: plain HTML, no token, no query."""
    return {
        "ref": page_ref(obj),
        "errors": errors or [],
        "values": values or {},
        "max_length": SUGGESTION_MAX_LENGTH,
    }
