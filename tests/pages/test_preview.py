"""Editors preview articles in the admin before publishing."""

import pytest
from django.urls import reverse

from tests.pages.admin_forms import article_form, valid_quiz

pytestmark = pytest.mark.django_db


def test_seed_article_preview_shows_every_block(demo, admin_client):
    response = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=(demo.pk,)))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Practical Ways Harm Reduction Techniques Make a Difference</h1>" in html
    assert "Harm reduction is only about illegal drug use." in html
    assert '<a href="tel:+12122136376">(212) 213-6376</a>' in html
    assert "Email through website contact form" in html
    assert "Needle Exchange Programs (NEPs)" in html
    assert "The Mindful Recovery Hub Team" in html


def test_unsaved_changes_preview(demo, admin_client):
    data = article_form(
        "Draft preview",
        [("heading", {"text": "Only in the preview", "level": "h3"}), ("quiz", valid_quiz())],
    )
    url = reverse(
        "wagtailadmin_pages:preview_on_add", args=("pages", "articlepage", demo.get_parent().pk)
    )
    posted = admin_client.post(url, data)
    assert posted.json()["is_valid"] is True
    html = admin_client.get(url).content.decode()
    assert "<h3>Only in the preview</h3>" in html
