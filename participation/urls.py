from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "participation"

urlpatterns = [
    path(_("feedback/"), views.submit, name="submit"),
    path(_("feedback/thanks/"), views.thanks, name="thanks"),
]
