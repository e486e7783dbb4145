import pytest
from bs4 import BeautifulSoup
from django.test import Client

from strategy.freshness import bump_content_version
from strategy.loader import load_content


@pytest.fixture
def client():
    """A test client that arrives over HTTPS through the load balancer, as every visitor does."""
    return Client(headers={"X-Forwarded-Proto": "https", "Host": "testserver"})


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
def fresh_page_cache():
    """No test sees pages cached by an earlier one (whose rows are rolled back by now).

    A new content version gives every page a new cache key, like an edit does; unlike
    ``cache.clear()`` it does not flush a Redis that other processes share.
    """
    bump_content_version()


@pytest.fixture
def editor(client):
    """A member of the "Redacteur" group, logged in to the test client."""
    from tests.factories import UserFactory

    user = UserFactory(groups=["Redacteur"])
    client.force_login(user)
    return user


@pytest.fixture
def translator(client):
    """A member of the "Vertaler" group (English fields only), logged in to the test client."""
    from tests.factories import UserFactory

    user = UserFactory(groups=["Vertaler"])
    client.force_login(user)
    return user
