"""The app against the database in DATABASE_URL, for tests/deploy/test_backup.py, which runs it
in a subprocess (the test's own process is bound to the test database):

    python tests/deploy/backup_site.py seed    migrate, load the demo content, post two comments
                                               and approve one in the admin
    python tests/deploy/backup_site.py read    print the article and the directory as JSON
    python tests/deploy/backup_site.py write   post a comment, print postComment's answer

Everything goes through /graphql/ and the admin with Django's test client, as frontends and
moderators do.
"""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from community.services import make_form_token  # noqa: E402
from pages.models import ArticlePage  # noqa: E402

SLUG = "practical-ways-harm-reduction-techniques-make-a-difference"
OPERATIONS = ROOT / "frontend_contract" / "operations"
APPROVED = "Naloxone saved my brother's life. Thank you for this."
PENDING = "Still waiting for a moderator."


def graphql(client: Client, operation: str, variables: dict, address: str = "127.0.0.1") -> dict:
    response = client.post(
        "/graphql/",
        json.dumps(
            {
                "query": (OPERATIONS / f"{operation}.graphql").read_text(),
                "operationName": operation,
                "variables": variables,
            }
        ),
        content_type="application/json",
        REMOTE_ADDR=address,
    )
    body = response.json()
    if response.status_code != 200 or "errors" in body:
        raise SystemExit(f"{operation} failed ({response.status_code}): {body}")
    return body["data"]


def post_comment(client: Client, name: str, body: str, address: str) -> dict:
    """Post as the reader at ``address`` (rate limits count per address)."""
    article = ArticlePage.objects.get(slug=SLUG, locale__language_code="en")
    # A form loaded a minute ago: a comment posted sooner than a person types is refused.
    token = make_form_token(article.pk, issued_at=time.time() - 60)
    answer = graphql(
        client,
        "PostComment",
        {
            "input": {
                "articleId": str(article.pk),
                "authorName": name,
                "authorEmail": f"{name.lower()}@example.org",
                "body": body,
                "formToken": token,
            }
        },
        address,
    )["postComment"]
    if answer["errors"]:
        raise SystemExit(f"postComment refused: {answer['errors']}")
    return answer


def seed() -> None:
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
    client = Client()
    approved = post_comment(client, "Sam", APPROVED, "10.0.0.1")
    post_comment(client, "Alex", PENDING, "10.0.0.2")
    moderator = get_user_model().objects.create_superuser("moderator", "mod@example.org", "x")
    client.force_login(moderator)
    url = reverse(
        "wagtailsnippets_community_comment:moderate",
        args=[approved["comment"]["id"], "approved"],
    )
    response = client.post(url)
    if response.status_code != 302:
        raise SystemExit(f"approving the comment answered {response.status_code}")


def read() -> None:
    client = Client()
    article = graphql(
        client, "ArticleBySlug", {"slug": SLUG, "locale": "en", "commentsPerPage": 50}
    )
    directory = graphql(client, "OrganisationDirectory", {"locale": "en", "perPage": 50})
    print(json.dumps({"article": article, "directory": directory}))


def write() -> None:
    print(json.dumps(post_comment(Client(), "Robin", "Written after the restore.", "10.0.0.3")))


if __name__ == "__main__":
    {"seed": seed, "read": read, "write": write}[sys.argv[1]]()
