import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import Client, TestCase
from django.utils import translation

from publishing.freshness import bump_content_version
from strategy.loader import load_content


class CommittingClient(Client):
    """Django's test client, with each request ending as it does in production: committed.

    Tests run inside a transaction that is rolled back, so ``transaction.on_commit`` callbacks
    (the content version bump after an edit) would never run; here the ones a request registers
    run when it ends, as they run after the commit of a real request.
    """

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)


@pytest.fixture
def client():
    """A test client that arrives over HTTPS through the load balancer, as every visitor does."""
    return CommittingClient(headers={"X-Forwarded-Proto": "https", "Host": "testserver"})


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed(): obj.save()``: the block's after-commit work runs at its end, as when a
    real transaction commits (tests run in one that is rolled back)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def content(db):
    """The shipped content, loaded as `make run` loads it."""
    load_content()


@pytest.fixture
def soup():
    """Parse a response's HTML, to assert on what a visitor sees rather than on markup strings."""

    def parse(response):
        return BeautifulSoup(response.content.decode(), "html.parser")

    return parse


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's default language: a test that activates another one leaves
    it active for the thread, and the next test's ``get_absolute_url`` would change language."""
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fresh_page_cache():
    """No test sees pages cached by an earlier one (whose rows are rolled back by now).

    A new content version gives every page a new cache key, like an edit does; unlike
    ``cache.clear()`` it does not flush a Redis that other processes share.
    """
    bump_content_version()


@pytest.fixture
def editor(client, db):
    """A member of the "Redacteur" group, logged in to the test client."""
    from tests.factories import UserFactory

    user = UserFactory(groups=["Redacteur"])
    client.force_login(user)
    return user


@pytest.fixture
def translator(client, db):
    """A member of the "Vertaler" group (English fields only), logged in to the test client."""
    from tests.factories import UserFactory

    user = UserFactory(groups=["Vertaler"])
    client.force_login(user)
    return user
