"""organisations(region:, includeNational: true): the region's own organisations first, then
national ones, in one list that pages by number and by cursor (issue #18, point 6)."""

import pytest

from snippets.models import Coverage
from tests import factories

QUERY = """
query ($region: String, $national: Boolean, $page: Int, $after: String, $perPage: Int) {
  organisations(region: $region, includeNational: $national, page: $page, after: $after,
                perPage: $perPage) {
    items { name region coverage }
    pagination { total }
    pageInfo { hasNextPage endCursor }
  }
}
"""


@pytest.fixture
def directory(db, settings):
    settings.RESPONSE_CACHE_ENABLED = False
    factories.organisation("Zeta local", region="PA", coverage=Coverage.LOCAL)
    factories.organisation("Alpha local", region="PA", coverage=Coverage.REGIONAL)
    # National but based in the region: it is the region's own, so it comes first.
    factories.organisation("Mid national in PA", region="PA", coverage=Coverage.NATIONAL)
    factories.organisation("Beta national", region="NY", coverage=Coverage.NATIONAL)
    factories.organisation("Aardvark national", region="", coverage=Coverage.NATIONAL)
    factories.organisation("Other state", region="NY", coverage=Coverage.LOCAL)


def names(result):
    return [item["name"] for item in result["items"]]


def test_local_first_then_national(gql, directory):
    result = gql(QUERY, {"region": "pa", "national": True, "perPage": 10})["data"]
    assert names(result["organisations"]) == [
        "Alpha local",
        "Mid national in PA",
        "Zeta local",
        "Aardvark national",
        "Beta national",
    ]
    assert result["organisations"]["pagination"]["total"] == 5


def test_without_national_only_the_region(gql, directory):
    for national in (False, None):
        result = gql(QUERY, {"region": "PA", "national": national})["data"]["organisations"]
        assert names(result) == ["Alpha local", "Mid national in PA", "Zeta local"]


def test_the_one_list_pages_by_number_and_by_cursor(gql, directory):
    variables = {"region": "PA", "national": True, "perPage": 2}
    by_number = [
        names(gql(QUERY, {**variables, "page": n})["data"]["organisations"]) for n in (1, 2, 3)
    ]
    walked, after = [], None
    while True:
        page = gql(QUERY, {**variables, "after": after})["data"]["organisations"]
        walked.append(names(page))
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert (
        walked
        == by_number
        == [
            ["Alpha local", "Mid national in PA"],
            ["Zeta local", "Aardvark national"],
            ["Beta national"],
        ]
    )
    # A cursor of the plain list is not one of this list's.
    plain = gql(QUERY, {"region": "PA", "perPage": 1})["data"]["organisations"]
    body = gql(QUERY, {**variables, "after": plain["pageInfo"]["endCursor"]}, errors=True)
    assert body["errors"][0]["extensions"]["code"] == "INVALID_CURSOR"
