"""Helpers for driving the admin like an editor does: open a form, change fields, post it."""

from bs4 import BeautifulSoup

# The change form of a live item saves a draft of the changes; this button publishes them too.
PUBLISH = "_publish"


def form_data(response, form_id=None, press=PUBLISH):
    """Every value the change form would submit as it stands (inputs, selects, textareas).

    ``press``: the submit button the editor presses, when the form has it. By default "Save and
    publish now" (offered on a live item's form), so an edit goes live as an editor publishing
    directly makes it; ``press=None`` only saves, which keeps a live item's changes as a draft.
    """
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    form = (
        soup.find("form", id=form_id)
        if form_id
        else soup.find("form", id=lambda i: i and i.endswith("_form"))
    )
    data = {}
    if press and form.find("input", attrs={"type": "submit", "name": press}):
        data[press] = "1"
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") in {"submit", "button", "file"}:
            continue
        if field.name == "select":
            selected = field.find("option", selected=True)
            data[name] = selected.get("value", "") if selected else ""
        elif field.name == "textarea":
            data[name] = field.text.lstrip("\n")
        elif field.get("type") in {"checkbox", "radio"}:
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        else:
            data[name] = field.get("value", "")
    return data


def errors_of(response):
    """The error texts the admin shows on a form (top of the form and per field)."""
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [li.get_text(" ", strip=True) for li in soup.select(".errorlist li")]
