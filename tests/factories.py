"""Small builders for test content, going through the same model APIs editors' saves use."""

import datetime

from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction, Site

from pages.models import ArticleIndexPage, ArticlePage, HomePage
from snippets.models import Organisation, Service


def article_index() -> ArticleIndexPage:
    """The article index of the default site, creating a minimal tree if there is none."""
    index = ArticleIndexPage.objects.filter(locale=Locale.get_default()).first()
    if index:
        return index
    # Transactional tests flush the tables, taking the tree root made by Wagtail's migrations.
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=HomePage(title="Home", slug="test-home"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    return home.add_child(instance=ArticleIndexPage(title="Articles", slug="articles"))


def article(slug: str, body: list | None = None, *, publish: bool = True, **fields) -> ArticlePage:
    fields.setdefault("title", slug.replace("-", " ").title())
    fields.setdefault("intro", "<p>Intro.</p>")
    page = ArticlePage(slug=slug, body=body or [], **fields)
    article_index().add_child(instance=page)
    if publish:
        page.save_revision().publish()
    else:
        page.live = False
        page.save_revision()
        page.save()
    return page


def service(slug: str, name: str | None = None) -> Service:
    return Service.objects.get_or_create(
        slug=slug, locale=Locale.get_default(), defaults={"name": name or slug}
    )[0]


def organisation(name: str, *, live: bool = True, services=(), **fields) -> Organisation:
    fields.setdefault("description", f"{name} helps.")
    fields.setdefault("email", "hello@example.org")
    fields.setdefault("last_verified", datetime.date(2026, 1, 1))
    org = Organisation(name=name, live=live, **fields)
    org.full_clean()
    org.save()
    org.services.set(services)
    org.save()
    if live:
        org.save_revision().publish()
    return org


def quiz_value(**overrides) -> dict:
    value = {
        "title": "Quick quiz",
        "intro": "",
        "questions": [
            {
                "prompt": "Naloxone reverses opioid overdoses.",
                "kind": "true_false",
                "choices": [
                    {"text": "True", "is_correct": True},
                    {"text": "False", "is_correct": False},
                ],
                "explanation": "It displaces opioids from receptors.",
            }
        ],
        "result_bands": [],
    }
    value.update(overrides)
    return value


OTHER_HOST = "other.example"
NESTED_HOST = "nested.example"


def hidden_articles() -> dict[str, ArticlePage]:
    """Beside a visible article of the default site, one article of each kind its readers
    must not see: a draft, an expired one, a private one, one of another site, and one of a
    site nested inside the default site's tree (its own root under the default home). Add
    OTHER_HOST and NESTED_HOST to ALLOWED_HOSTS to request them on their own sites."""
    pages = {
        "visible": article("visible-article"),
        "draft": article("draft-article", publish=False),
    }
    expired = article("expired-article")
    ArticlePage.objects.filter(pk=expired.pk).update(
        expire_at=timezone.now() - datetime.timedelta(hours=1)
    )
    call_command("publish_scheduled")  # what cron runs: it unpublishes and marks expired
    expired.refresh_from_db()
    assert expired.expired
    pages["expired"] = expired
    private = article("private-article")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    pages["private"] = private
    for key, host, parent, slug in (
        ("other-site", OTHER_HOST, Page.get_first_root_node(), "other-home"),
        ("nested-site", NESTED_HOST, article_index().get_parent(), "nested-home"),
    ):
        home = parent.add_child(instance=HomePage(title=slug, slug=slug))
        Site.objects.create(hostname=host, port=80, root_page=home)
        index = home.add_child(instance=ArticleIndexPage(title="News", slug="news"))
        page = ArticlePage(slug=f"{key}-article", title=key, intro="<p>Elsewhere.</p>", body=[])
        index.add_child(instance=page)
        page.save_revision().publish()
        pages[key] = page
    return pages
