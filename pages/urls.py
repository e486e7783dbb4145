"""Fixed, translated addresses under one prefix ("info/"), before strategy's theme pattern."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views
from .models import Kind

app_name = "pages"

urlpatterns = [
    path(_("info/accessibility/"), views.page, {"kind": Kind.ACCESSIBILITY}, name="accessibility"),
    path(_("info/privacy/"), views.page, {"kind": Kind.PRIVACY}, name="privacy"),
    path(_("info/contact/"), views.page, {"kind": Kind.CONTACT}, name="contact"),
]
