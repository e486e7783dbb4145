import pytest
from bs4 import BeautifulSoup
from django.test import Client

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
