import json
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings as django_settings

from webhooks.models import Endpoint, Event

from .receiver import receiver as start_receiver

SCHEMA = json.loads(
    (Path(django_settings.BASE_DIR) / "frontend_contract" / "webhooks.schema.json").read_text()
)


def valid(payload: dict) -> dict:
    """``payload``, once it is checked against the contract's JSON Schema."""
    jsonschema.validate(payload, SCHEMA, format_checker=jsonschema.FormatChecker())
    return payload


@pytest.fixture
def loopback(settings):
    """Receivers on loopback are allowed (production refuses them)."""
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True


@pytest.fixture
def receiver(loopback):
    with start_receiver() as state:
        yield state


@pytest.fixture
def endpoint(db, receiver):
    """An active endpoint for every event, pointing at the receiver."""
    made = Endpoint.objects.create(name="Website", url=receiver.url, events=list(Event.values))
    receiver.secret = made.secret
    return made


@pytest.fixture
def queue(settings, monkeypatch):
    """Tasks go to the database, as in production, and `db_worker` runs them (keeping the
    test's connection: see tests/deploy/conftest.py)."""
    import django_tasks_db.management.commands.db_worker as db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
