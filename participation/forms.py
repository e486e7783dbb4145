from django import forms
from django.utils.translation import gettext_lazy as _

from strategy.models import Theme, Topic

from .models import SUGGESTION_MAX_LENGTH

# The pages that carry the form, by the name used in its hidden "page" field ("topic:12").
PAGE_MODELS = {"theme": Theme, "topic": Topic}


def page_ref(obj):
    return f"{obj._meta.model_name}:{obj.pk}"


def find_page(ref):
    """The visible theme or topic a "page" field names, or None (tampered, or since unpublished)."""
    kind, _sep, pk = (ref or "").partition(":")
    if kind not in PAGE_MODELS or not pk.isdigit():
        return None
    if kind == "topic":
        queryset = Topic.objects.published().select_related("theme")
    else:
        queryset = Theme.objects.published()
    return queryset.filter(pk=int(pk)).first()


class FeedbackForm(forms.Form):
    page = forms.CharField(max_length=40)
    helpful = forms.ChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))],
        error_messages={"required": _("Choose yes or no: was this page useful?")},
    )
    suggestion = forms.CharField(required=False, strip=True)
    # The honeypot: hidden from people (and screen readers), filled in by naive bots.
    website = forms.CharField(required=False)

    def is_bot(self):
        return bool(self.data.get("website"))

    def clean_page(self):
        obj = find_page(self.cleaned_data["page"])
        if obj is None:
            raise forms.ValidationError(_("This page no longer takes feedback."))
        return obj

    def clean_suggestion(self):
        # Browsers count a line break as one character for maxlength but send it as CR LF: count
        # it as one here too, so a text the browser accepted is never refused for its length.
        text = self.cleaned_data["suggestion"].replace("\r\n", "\n")
        if len(text) > SUGGESTION_MAX_LENGTH:
            raise forms.ValidationError(
                _(
                    "Your suggestion is %(length)s characters long; the maximum is %(max)s. "
                    "Please shorten it."
                ),
                params={"length": len(text), "max": SUGGESTION_MAX_LENGTH},
            )
        return text
