"""Admin login attempts are limited; production settings pass `check --deploy` and send the
security headers; GraphiQL and introspection are off there."""

import json

import pytest

from tests.test_settings import SETUP, SINGLE_PROCESS, good_key, run_python

LOGIN = "/admin/login/"


@pytest.fixture
def editor(db, django_user_model, settings):
    settings.AXES_ENABLED = True  # off for the rest of the suite (cms/settings/test.py)
    return django_user_model.objects.create_user(
        "editor", "editor@example.org", "right-password", is_superuser=True
    )


def log_in(client, password, address="203.0.113.7", username="editor"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_admin_logins_are_locked_out_after_repeated_failures(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "wrong").status_code == 200  # the form again, with an error
    locked = log_in(client, "wrong")
    assert locked.status_code == 429
    # Even the right password is refused now, from that address...
    assert log_in(client, "right-password").status_code == 429
    # ...but the editor can still log in from elsewhere: a stranger cannot lock them out.
    elsewhere = log_in(client, "right-password", address="198.51.100.9")
    assert elsewhere.status_code == 302


def test_a_successful_login_resets_the_count(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "wrong")
    assert log_in(client, "right-password").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "wrong").status_code == 200


PRODUCTION = {"ALLOWED_HOSTS": "testserver,cms.example.org", **SINGLE_PROCESS}


def test_production_settings_pass_check_deploy_with_no_warnings():
    code = (
        SETUP + "; from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING')"
    )
    result = run_python(code, "cms.settings.production", SECRET_KEY=good_key(), **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout + result.stderr


def test_production_sends_security_headers_and_hides_the_schema():
    code = (
        SETUP
        + """
import json
from django.test import Client
from django.urls import resolve
client = Client()
health = client.get("/healthz/", secure=True)
plain = client.get("/healthz/")
introspection = client.post(
    "/graphql/", json.dumps({"query": "{ __schema { types { name } } }"}),
    content_type="application/json", secure=True)
print(json.dumps({
    "headers": dict(health.headers),
    "plain_status": plain.status_code,
    "graphiql": resolve("/graphiql/").url_name,
    "introspection": [introspection.status_code, introspection.json()],
    "redirect": client.get("/admin/login/").status_code,
}))
"""
    )
    result = run_python(code, "cms.settings.production", SECRET_KEY=good_key(), **PRODUCTION)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    headers = {name.lower(): value for name, value in found["headers"].items()}
    assert headers["strict-transport-security"].startswith("max-age=31536000")
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["cross-origin-opener-policy"] == "same-origin"
    assert found["plain_status"] == 200  # health checks answer over plain HTTP
    assert found["redirect"] == 301  # everything else goes to HTTPS
    assert found["graphiql"] != "grapple_graphiql"  # /graphiql/ is only a (missing) page
    status, body = found["introspection"]
    assert status == 400 and body["errors"][0]["extensions"]["code"] == "INTROSPECTION_DISABLED"
