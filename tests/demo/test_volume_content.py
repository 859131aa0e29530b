"""manage.py generate_volume_content: bulk content that the API serves like any other."""

import pytest
from django.core.management import CommandError, call_command

from community.models import Comment
from pages.models import ArticleIndexPage, ArticlePage
from snippets.models import Organisation

pytestmark = pytest.mark.django_db

LIST = """query($page: Int) { articles(perPage: 20, page: $page) {
  items { title url author { name } tags { name } commentCount
          body { ... on OrganisationDirectoryBlock { organisations { name } } } }
  pagination { total } } }"""


def test_volume_content_is_created_in_bulk_and_served(demo, gql, capsys):
    call_command(
        "generate_volume_content", articles=30, organisations=10, comments=100, batch_size=7
    )
    assert "Created 30 articles, 10 organisations and 100 comments." in capsys.readouterr().out

    volume = ArticlePage.objects.filter(slug__startswith="volume-")
    assert volume.count() == 30
    assert Organisation.objects.filter(name__startswith="Volume organisation").count() == 10
    assert Comment.objects.filter(article__in=volume).count() == 100
    # The tree is consistent: treebeard's own checks, and the index knows its children.
    assert ArticlePage.find_problems() == ([], [], [], [], [])
    index = ArticleIndexPage.objects.get(pk=demo.get_parent().pk)
    assert index.numchild == index.get_children().count() == 31

    data = gql(LIST)["data"]["articles"]
    assert data["pagination"]["total"] == 31
    first = data["items"][0]
    assert first["url"].startswith("/articles/volume-")
    assert len(first["tags"]) == 3
    assert len(first["body"][2]["organisations"]) == 3
    total_approved = sum(
        gql(LIST, {"page": p})["data"]["articles"]["items"][i]["commentCount"]
        for p in (1, 2)
        for i in range(20 if p == 1 else 11)
    )
    assert total_approved == Comment.objects.approved().count()

    # Indexed for search like an editor's save would: the API's searches find the volume.
    found = gql(
        '{ organisations(search: "Springfield", perPage: 50) { pagination { total } } '
        'search(query: "Springfield", limit: 50) { ... on Organisation { name } } }'
    )["data"]
    assert found["organisations"]["pagination"]["total"] == 10
    assert len(found["search"]) == 10


def test_a_second_run_is_refused(demo):
    call_command("generate_volume_content", articles=2, organisations=1, comments=0, verbosity=0)
    with pytest.raises(CommandError, match="already holds 2 volume articles"):
        call_command("generate_volume_content", articles=2, organisations=1, comments=0)
