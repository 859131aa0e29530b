"""`manage.py load_demo_content` and `manage.py ensure_dev_admin`, run as a developer runs them."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision, Site

from pages.models import ArticleIndexPage, ArticlePage, HomePage
from snippets.models import Author, Organisation, Service

pytestmark = pytest.mark.django_db

ARTICLE_SLUG = "practical-ways-harm-reduction-techniques-make-a-difference"
SEED = Path("/work/shared/seed/harm-reduction-article.txt")

# name -> (phone as written in the seed, E.164, email); from the seed's resources section.
SEED_CONTACTS = {
    "National Harm Reduction Coalition": (
        "(212) 213-6376",
        "+12122136376",
        "info@harmreduction.org",
    ),
    "Next Distro": ("", "", ""),
    "North American Syringe Exchange Network": (
        "(253) 272-4857",
        "+12532724857",
        "info@nasen.org",
    ),
    "The DOPE Project": ("(510) 444-6969", "+15104446969", "dope@harmreduction.org"),
    "Prevention Point Philadelphia": (
        "(215) 634-5272",
        "+12156345272",
        "info@ppponline.org",
    ),
    "Chicago Recovery Alliance": ("(773) 989-9400", "+17739899400", "cra@anypositivechange.org"),
    "Harm Reduction Michigan": ("(517) 599-9023", "+15175999023", "info@harmreductionmi.org"),
}

REQUIRED_SERVICES = {
    "naloxone-distribution",
    "syringe-services",
    "fentanyl-test-strips",
    "overdose-response-training",
    "wound-care",
    "housing-assistance",
    "case-management",
}


def load() -> str:
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "articles": ArticlePage.objects.count(),
        "indexes": ArticleIndexPage.objects.count(),
        "homes": HomePage.objects.count(),
        "sites": Site.objects.count(),
        "organisations": Organisation.objects.count(),
        "services": Service.objects.count(),
        "authors": Author.objects.count(),
        "revisions": Revision.objects.count(),
    }


@pytest.fixture
def article():
    output = load()
    assert "Demo content loaded." in output
    return ArticlePage.objects.get(slug=ARTICLE_SLUG)


def block(article, block_type):
    (value,) = [child.value for child in article.body if child.block_type == block_type]
    return value


# --- Loading twice ----------------------------------------------------------------------------


def test_loading_creates_the_site_and_loading_again_changes_nothing():
    load()
    first = counts()
    revisions = set(Revision.objects.values_list("pk", flat=True))
    latest = {page.pk: page.latest_revision_id for page in Page.objects.all()}

    second_output = load()

    assert counts() == first
    assert set(Revision.objects.values_list("pk", flat=True)) == revisions
    assert {page.pk: page.latest_revision_id for page in Page.objects.all()} == latest
    # The command's report says so too: nothing created or updated on the second run.
    assert re.findall(r"[1-9]\d* (?:created|updated)", second_output) == []
    assert "Demo content loaded." in second_output

    english = {"locale__language_code": "en"}
    assert ArticlePage.objects.filter(slug=ARTICLE_SLUG).count() == 1
    assert ArticleIndexPage.objects.filter(**english).count() == 1
    assert HomePage.objects.filter(**english).count() == 1
    assert Organisation.objects.filter(**english).count() == 7
    assert Author.objects.filter(name="Damilola Amire", **english).count() == 1


def test_the_home_page_is_the_default_sites_root(article):
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage)
    assert home.live
    index = ArticleIndexPage.objects.get(locale=home.locale)
    assert index.get_parent().pk == home.pk
    assert article.get_parent().pk == index.pk
    assert article.live and not article.has_unpublished_changes
    # Wagtail's "Welcome to your new Wagtail site!" page is gone: the only other root-level
    # page is the Spanish home page, a translation of ours.
    others = Page.objects.filter(depth=2).exclude(pk=home.pk)
    assert all(page.translation_key == home.translation_key for page in others)


# --- Seed facts -------------------------------------------------------------------------------


def test_all_seven_organisations_are_live_with_the_seed_contacts(article):
    organisations = {
        org.name: org for org in Organisation.objects.filter(locale__language_code="en")
    }
    assert set(organisations) == set(SEED_CONTACTS)
    for name, (_written, e164, email) in SEED_CONTACTS.items():
        org = organisations[name]
        assert org.live, name
        assert not org.has_unpublished_changes, name
        assert (org.phone, org.email) == (e164, email), name

    next_distro = organisations["Next Distro"]
    assert next_distro.contact_note == "Email through website contact form"
    assert organisations["North American Syringe Exchange Network"].acronym == "NASEN"
    assert organisations["Prevention Point Philadelphia"].phone_display == "(215) 634-5272"


def test_the_contact_table_matches_the_seed_text():
    if not SEED.exists():
        pytest.skip(f"{SEED} is not available")
    text = SEED.read_text()
    for name, (written, _e164, email) in SEED_CONTACTS.items():
        entry = text[text.index(f"• {name}") :]
        contact = entry[entry.index("Contact:") : entry.index("\n", entry.index("Contact:"))]
        if written:
            assert f"Phone: {written}, Email: {email}," in contact, name
        else:
            assert "Phone" not in contact and "Email:" not in contact, name


def test_services_are_seeded_and_attached(article):
    assert set(Service.objects.values_list("slug", flat=True)) >= REQUIRED_SERVICES
    ppp = Organisation.objects.get(name="Prevention Point Philadelphia", locale__language_code="en")
    assert {"wound-care", "housing-assistance", "case-management"} <= set(
        ppp.services.values_list("slug", flat=True)
    )
    assert ppp.region == "PA" and ppp.city == "Philadelphia"


def test_the_article_has_its_author_and_quiz(article):
    assert article.title == "Practical Ways Harm Reduction Techniques Make a Difference"
    assert article.author.name == "Damilola Amire"
    assert article.greeting == "Hello, Mindful Recovery Hub community!"

    quiz = block(article, "quiz")
    first, second = quiz["questions"]
    assert first["prompt"] == "Harm reduction is only about illegal drug use."
    assert first["kind"] == "true_false"
    assert [choice["text"] for choice in first["choices"] if choice["is_correct"]] == ["False"]
    assert second["prompt"] == "Which of these is an example of a harm reduction strategy?"
    assert [choice["text"] for choice in second["choices"] if choice["is_correct"]] == [
        "Naloxone distribution"
    ]
    assert len(quiz["questions"]) == 2


def test_the_article_has_the_programmes_directory_and_sign_off(article):
    programmes = block(article, "programme_list")["programmes"]
    assert [programme["name"] for programme in programmes] == [
        "Needle Exchange Programs",
        "Supervised Consumption Sites",
        "Naloxone Distribution",
        "Educational Programs",
    ]
    assert programmes[0]["abbreviation"] == "NEPs"

    directory = block(article, "organisation_directory")
    assert [org.name for org in directory["organisations"]] == list(SEED_CONTACTS)

    sign_off = block(article, "sign_off")
    assert (sign_off["closing"], sign_off["signature"]) == (
        "Best,",
        "The Mindful Recovery Hub Team",
    )


# --- ensure_dev_admin -------------------------------------------------------------------------


def test_ensure_dev_admin_creates_a_working_admin_when_debugging(settings, client):
    settings.DEBUG = True
    out = StringIO()
    call_command("ensure_dev_admin", stdout=out)

    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.is_staff
    assert "Created superuser" in out.getvalue()

    response = client.post("/admin/login/", {"username": "admin", "password": "admin"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200

    # Running it again leaves the one account in place.
    call_command("ensure_dev_admin", stdout=StringIO())
    assert get_user_model().objects.filter(username="admin").count() == 1


def test_ensure_dev_admin_leaves_an_existing_admin_alone(settings):
    settings.DEBUG = True
    get_user_model().objects.create_user("admin", password="a-real-password")
    out = StringIO()
    call_command("ensure_dev_admin", stdout=out)
    user = get_user_model().objects.get(username="admin")
    assert user.check_password("a-real-password")
    assert not user.is_superuser
    assert "left unchanged" in out.getvalue()


def test_ensure_dev_admin_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("ensure_dev_admin", stdout=StringIO())
    assert not get_user_model().objects.filter(username="admin").exists()
