from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from publishing.alternates import page_links

from .forms import FeedbackForm, find_page, page_ref
from .models import Feedback
from .protection import body_refusal, is_cross_site, within_rate_limit


def see_other(url):
    """303: the browser fetches the thank-you page with GET (Post/Redirect/Get)."""
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def _context(request, name, title, **extra):
    crumbs = [{"label": title, "url": reverse(name), "lang": ""}]
    return {"crumbs": crumbs, "page_title": title, **page_links(request, name), **extra}


# No CSRF token on purpose: see protection.py for what guards this endpoint instead.
@csrf_exempt
@require_POST
def submit(request):
    # Before anything reads the body (request.POST would read and parse all of it).
    refusal = body_refusal(request)
    if refusal is not None:
        status, reason = refusal
        context = _context(request, "participation:thanks", _("Feedback not sent"), reason=reason)
        return render(request, "participation/refused.html", context, status=status)
    if is_cross_site(request):
        context = _context(request, "participation:thanks", _("Feedback not sent"))
        return render(request, "participation/cross_site.html", context, status=403)
    if not within_rate_limit(request):
        context = _context(request, "participation:thanks", _("Too many messages"))
        response = render(request, "participation/too_many.html", context, status=429)
        response["Retry-After"] = str(settings.FEEDBACK_RATE_LIMIT[1])
        return response
    form = FeedbackForm(request.POST)
    if form.is_bot():
        # A fake success, so the bot learns nothing; nothing is stored.
        return see_other(reverse("participation:thanks"))
    if not form.is_valid():
        page = find_page(request.POST.get("page"))
        context = _context(
            request,
            "participation:thanks",
            _("Your feedback"),
            form=form,
            page=page,
            errors=[e for errors in form.errors.values() for e in errors],
            ref=page_ref(page) if page else "",
        )
        return render(request, "participation/form_page.html", context, status=400)
    page = form.cleaned_data["page"]
    Feedback.objects.create(
        page=page,
        page_title=str(page.title)[:300],
        path=page.get_absolute_url(),
        language=get_language(),
        helpful=form.cleaned_data["helpful"] == "yes",
        suggestion=form.cleaned_data["suggestion"],
    )
    # Post/Redirect/Get: reloading the thank-you page does not send the feedback again.
    return see_other(reverse("participation:thanks") + f"?page={page_ref(page)}")


@require_safe
def thanks(request):
    page = find_page(request.GET.get("page", ""))
    context = _context(request, "participation:thanks", _("Thank you"), page=page)
    return render(request, "participation/thanks.html", context)
