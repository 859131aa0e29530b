"""The admin's page search finds an article by its body, its author and its tags (#20 point 11),
not by its title alone."""

import pytest

ARTICLE = "Practical Ways Harm Reduction Techniques Make a Difference"


@pytest.mark.django_db
@pytest.mark.parametrize("words", ["fentanyl", "Damilola", "naloxone", "test strips", "harm"])
def test_the_page_search_finds_the_seed_article_by_what_it_says(admin_client, demo, words):
    response = admin_client.get("/admin/pages/search/", {"q": words})
    assert response.status_code == 200
    assert ARTICLE in response.content.decode()


@pytest.mark.django_db
def test_a_word_the_article_lacks_finds_nothing(admin_client, demo):
    response = admin_client.get("/admin/pages/search/", {"q": "zeppelin"})
    assert ARTICLE not in response.content.decode()
