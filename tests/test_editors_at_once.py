"""Several editors at once on the embedded SQLite, and no typed text lost (issue 11).

Two editors saving different topics at the same moment both get their save (SQLite in WAL mode
with a busy timeout and write transactions that take the lock when they begin: gent/settings.py);
two saving the same topic get one save and one stale-version message, never the same page twice
nor "database is locked". And when the database cannot take a save at all, the editor gets the
form back with what they typed and a clear message, not the site's 503 page.

The threaded tests run in threads with a connection each on a file database (``own_connections``
from test_concurrency.py), as gunicorn's workers and threads do; every thread is bounded.
"""

import threading

import pytest
from django.db import OperationalError, connections
from django.db.models.signals import post_save
from django.test import Client
from django.urls import reverse

from publishing import workingcopies
from publishing.admin import content as content_admin
from strategy.models import Topic
from tests.admin_helpers import errors_of, form_data
from tests.factories import ThemeFactory, TopicFactory, UserFactory
from tests.test_concurrency import own_connections  # noqa: F401 (a fixture)

HEADERS = {"X-Forwarded-Proto": "https", "Host": "testserver"}
THREAD_TIMEOUT = 60
STALE = ("Someone else saved", "Iemand anders")
SAVE_FAILED = ("could not be saved just now", "konden nu niet bewaard")


def editor_client():
    client = Client(headers=HEADERS)
    client.force_login(UserFactory(groups=["Redacteur"]))
    return client


def change_url(topic):
    return reverse("admin:strategy_topic_change", args=[topic.pk])


def post_at_the_same_moment(posts):
    """Run each ``(client, url, data)`` post in a thread of its own, all released at once; a
    post_save pause keeps each save's write transaction open a moment, so they overlap."""
    start = threading.Barrier(len(posts), timeout=20)
    responses = [None] * len(posts)
    errors = []

    def send(i, client, url, data):
        try:
            start.wait()
            responses[i] = client.post(url, data)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    def hold_the_lock(sender, **kwargs):
        threading.Event().wait(0.3)

    post_save.connect(hold_the_lock, sender=Topic, dispatch_uid="test-editors-at-once")
    threads = [
        threading.Thread(target=send, args=(i, *p), daemon=True) for i, p in enumerate(posts)
    ]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(THREAD_TIMEOUT)
    finally:
        post_save.disconnect(sender=Topic, dispatch_uid="test-editors-at-once")
    assert not any(thread.is_alive() for thread in threads), "a save was still running"
    assert not errors, errors
    return responses


@pytest.fixture
def two_topics(own_connections):  # noqa: F811 (the fixture imported above)
    theme = ThemeFactory(title_nl="Stad van morgen")
    return TopicFactory(theme=theme, title_nl="wonen"), TopicFactory(theme=theme, title_nl="werk")


def test_two_editors_saving_different_topics_at_the_same_moment_both_succeed(two_topics):
    posts = []
    for topic, text in zip(two_topics, ("betaalbaar wonen", "werk voor iedereen"), strict=True):
        client = editor_client()
        data = form_data(client.get(change_url(topic)))
        posts.append((client, change_url(topic), {**data, "title_nl": text}))
    responses = post_at_the_same_moment(posts)
    assert [r.status_code for r in responses] == [302, 302], [errors_of(r) for r in responses]
    titles = {t.pk: t.title_nl for t in Topic.objects.filter(pk__in=[t.pk for t in two_topics])}
    assert titles == {two_topics[0].pk: "betaalbaar wonen", two_topics[1].pk: "werk voor iedereen"}


def test_two_editors_saving_the_same_topic_get_one_save_and_one_stale_message(two_topics):
    topic = two_topics[0]
    posts = []
    for text in ("eerste redacteur", "tweede redacteur"):
        client = editor_client()
        data = form_data(client.get(change_url(topic)))  # both open the same version
        posts.append((client, change_url(topic), {**data, "title_nl": text}))
    responses = post_at_the_same_moment(posts)
    assert sorted(r.status_code for r in responses) == [200, 302]
    _saved, refused = sorted(responses, key=lambda r: r.status_code, reverse=True)
    assert any(s in e for e in errors_of(refused) for s in STALE), errors_of(refused)
    topic.refresh_from_db()
    lost = "tweede redacteur" if topic.title_nl == "eerste redacteur" else "eerste redacteur"
    assert topic.title_nl in ("eerste redacteur", "tweede redacteur")
    # The refused editor's text is still in their form.
    assert f'value="{lost}"' in refused.content.decode()
    assert topic.version == int(posts[0][2]["loaded_version"]) + 1


@pytest.mark.parametrize(
    "error",
    [OperationalError("database is locked"), OperationalError("disk I/O error")],
    ids=["locked", "other"],
)
def test_a_save_the_database_refuses_gives_the_form_back_with_the_typed_text(
    client, editor, soup, monkeypatch, error
):
    topic = TopicFactory(title_nl="wonen", summary_nl="Oude samenvatting.")
    url = change_url(topic)
    data = form_data(client.get(url))

    def refuse(*args, **kwargs):
        raise error

    monkeypatch.setattr(content_admin, "save_content", refuse)
    # Published at once ("Save and publish now"): the working copy's write path refuses too.
    monkeypatch.setattr(workingcopies, "save_content", refuse)
    typed = "Een lange nieuwe samenvatting die de redacteur net heeft getypt."
    response = client.post(url, {**data, "title_nl": "betaalbaar wonen", "summary_nl": typed})
    assert response.status_code == 503
    assert response["Retry-After"]
    page = soup(response)
    assert page.select_one("[name=title_nl]")["value"] == "betaalbaar wonen"
    assert typed in page.select_one("[name=summary_nl]").get_text()
    assert any(s in e for e in errors_of(response) for s in SAVE_FAILED), errors_of(response)
    topic.refresh_from_db()
    assert topic.title_nl == "wonen"  # nothing half-saved

    # Once the database takes writes again, the same input saves.
    monkeypatch.undo()
    assert client.post(url, {**data, "title_nl": "betaalbaar wonen"}).status_code == 302


def test_a_new_item_the_database_refuses_keeps_the_typed_text(client, editor, monkeypatch):
    theme = ThemeFactory()
    url = reverse("admin:strategy_topic_add")
    data = {**form_data(client.get(url)), "theme": str(theme.pk), "title_nl": "nieuw onderwerp"}
    data["slug_nl"] = "nieuw-onderwerp"

    def refuse(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(content_admin, "save_content", refuse)
    response = client.post(url, data)
    assert response.status_code == 503
    assert 'value="nieuw onderwerp"' in response.content.decode()
    assert not Topic.objects.filter(title_nl="nieuw onderwerp").exists()
