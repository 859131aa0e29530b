import json

import pytest
from django.core.cache import caches


@pytest.fixture(autouse=True)
def _clear_cache():
    from api.core import cache as response_cache
    from api.core import edge

    def clear():
        for alias in ("default", "ratelimit"):
            caches[alias].clear()
        # The in-process copies of what the caches hold (the edge's URL registry without
        # Redis, each worker's recent responses): they belong to the cache cleared above.
        edge.registry().clear()
        response_cache.local_entries.clear()

    clear()
    yield
    clear()


@pytest.fixture(scope="session")
def ids() -> dict[str, str]:
    """The contract's persisted operations: operation name → the SHA-256 clients send as `id`."""
    from api import contract

    manifest = json.loads(contract.MANIFEST_PATH.read_text())
    return {entry["operationName"]: digest for digest, entry in manifest.items()}


@pytest.fixture
def gql(client):
    """Post a query to /graphql/ as a frontend would; return the decoded JSON body."""

    def run(query: str, variables: dict | None = None, *, errors: bool = False) -> dict:
        response = client.post(
            "/graphql/",
            json.dumps({"query": query, "variables": variables or {}}),
            content_type="application/json",
        )
        body = response.json()
        if errors:
            assert body.get("errors"), body
        else:
            assert response.status_code == 200, body
            assert "errors" not in body, body["errors"]
        return body

    return run


@pytest.fixture
def demo(db):
    """The seed article and its directory, as `manage.py load_demo_content` creates them, in
    English only (the Spanish translation takes seconds: use `demo_es` where it matters)."""
    from demo.content import load_demo_content

    return load_demo_content(translations=False).article


@pytest.fixture
def demo_es(db):
    """The demo content in English and, through wagtail-localize, in Spanish."""
    from demo.content import load_demo_content

    return load_demo_content()


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def moderator(django_user_model):
    """A member of the "Moderators" group, as the data migration set it up."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("mod", "mod@example.org")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def community(settings):
    """Community settings with the 15-second burst limit off (0), so tests can post in a row."""
    settings.COMMUNITY = {**settings.COMMUNITY, "COMMENT_MIN_INTERVAL": 0}
    return settings.COMMUNITY
