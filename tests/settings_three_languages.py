"""The test settings with the project's migrations read from a copy (``GENT_MIGRATIONS_COPY``):
``test_third_language`` generates the migration a third language needs there, as an operator
does with ``makemigrations``, without writing into the checkout."""

import os
from pathlib import Path

from tests.settings import *  # noqa: F403

_copy = Path(os.environ["GENT_MIGRATIONS_COPY"])
MIGRATION_MODULES = {
    package.name.removesuffix("_migrations"): package.name
    for package in _copy.iterdir()
    if package.name.endswith("_migrations")
}
