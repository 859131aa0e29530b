# The seed text uses typographic apostrophes (U+2019); keep them.
"""Demo content: the seed article “Practical Ways Harm Reduction Techniques Make a Difference”.

Plain data first (services, organisations, author, the article and its body), then
:func:`load_demo_content`, which writes it to the database idempotently: every object is looked
up by a stable key (locale + slug for pages and services, locale + name for organisations and
authors) and updated in place, and a new revision is published only when something changed.

It then makes the Spanish version through wagtail-localize, as an editor would with
“Translate”: each English object gets a ``TranslationSource`` and a ``Translation`` into ``es``
(so the admin shows it as a synced translation that translators can open and update), its
strings are filled from :mod:`demo.content_es` and the target is saved and published.
“Harm Reduction Michigan” is left in English on purpose; the Spanish article's directory
points at the English one.

Used by ``manage.py load_demo_content`` and by the test suite.
"""

import datetime
import json
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone
from modelcluster.models import ClusterableModel, get_serializable_data_for_fields
from wagtail.models import DraftStateMixin, Locale, Page, Site
from wagtail_localize.models import Translation, TranslationLog, TranslationSource

from pages.models import ArticleIndexPage, ArticlePage, HomePage
from snippets.models import (
    Author,
    Coverage,
    CrisisLine,
    Organisation,
    OrganisationVerification,
    Service,
    VerificationMethod,
)

from . import content_es

LANGUAGE_CODE = "en"

SITE_NAME = "Mindful Recovery Hub"
SITE_HOSTNAME = "localhost"
SITE_PORT = 80

HOME = {
    "title": "Mindful Recovery Hub",
    "slug": "home",
    "intro": "<p>Practical, compassionate information on harm reduction and recovery, and "
    "the organisations that can help.</p>",
}

ARTICLE_INDEX = {
    "title": "Articles",
    "slug": "articles",
    "intro": "<p>Articles on harm reduction, recovery and staying safe.</p>",
}

AUTHOR = {
    "name": "Damilola Amire",
    "bio": "Damilola Amire writes for the Mindful Recovery Hub about harm reduction, recovery "
    "and the community programmes that keep people safe.",
}

# slug -> (name, description)
SERVICES = {
    "naloxone-distribution": (
        "Naloxone distribution",
        "Free naloxone, the medication that reverses opioid overdoses.",
    ),
    "syringe-services": (
        "Syringe services",
        "Clean needles and syringes, and safe disposal of used ones.",
    ),
    "fentanyl-test-strips": (
        "Fentanyl test strips",
        "Test strips that show whether drugs contain fentanyl.",
    ),
    "overdose-response-training": (
        "Overdose response training",
        "Training in recognising an overdose and responding to it, including giving naloxone.",
    ),
    "wound-care": (
        "Wound care",
        "Care for abscesses and other injection-related wounds.",
    ),
    "housing-assistance": (
        "Housing assistance",
        "Help finding and keeping safe, stable housing.",
    ),
    "case-management": (
        "Case management",
        "One-to-one support to reach health care, treatment and social services.",
    ),
    "harm-reduction-education": (
        "Harm reduction education",
        "Education on safer drug use, dosing, drug mixtures and support services.",
    ),
    "supervised-consumption-information": (
        "Supervised consumption information",
        "Information on sites where people can use substances under medical supervision.",
    ),
    "policy-advocacy": (
        "Policy advocacy",
        "Advocacy for harm reduction policies.",
    ),
    "outreach": (
        "Outreach",
        "Workers who bring supplies and support to people where they are.",
    ),
}

LAST_VERIFIED = datetime.date(2024, 11, 1)
# The seed's verification records (snippets.models.OrganisationVerification), in days before
# the content is loaded, so that a new user sees every state of the "Directory verification"
# report and of `isStale`: verified recently, due soon (within 30 days of the 180-day
# interval), and stale. Organisations not listed are verified 30 days before.
VERIFIED_DAYS_AGO = {
    "Next Distro": 240,  # stale
    "Harm Reduction Michigan": 165,  # due soon
    "The DOPE Project": 12,
}
VERIFICATION_NOTE = "Demo content: details checked when the directory was seeded."

# In the seed's order; the directory block lists them in this order.
# Crisis lines for every page's footer (and the crisis-lines block), with their Spanish.
CRISIS_LINES = [
    {
        "name": "988 Suicide and Crisis Lifeline",
        "description": "Free, confidential support for anyone in emotional distress or a "
        "substance use crisis, and for the people who care about them.",
        "phone": "988",
        "sms": "988",
        "hours": "24 hours a day, 7 days a week",
        "website": "https://988lifeline.org/",
        "coverage": "national",
        "languages": "en, es",
        "footer_order": 0,
    },
    {
        "name": "SAMHSA National Helpline",
        "description": "Free, confidential treatment referral and information about mental "
        "health and substance use, for individuals and families.",
        "phone": "1-800-662-4357",
        "phone_display": "1-800-662-HELP (4357)",
        "hours": "24 hours a day, 365 days a year",
        "website": "https://www.samhsa.gov/find-help/helplines/national-helpline",
        "coverage": "national",
        "languages": "en, es",
        "footer_order": 1,
    },
]

ORGANISATIONS = [
    {
        "name": "National Harm Reduction Coalition",
        "acronym": "",
        "description": "Provides resources on harm reduction strategies, training, naloxone "
        "distribution, and advocacy for harm reduction policies.",
        "services": [
            "naloxone-distribution",
            "overdose-response-training",
            "harm-reduction-education",
            "policy-advocacy",
        ],
        "phone": "(212) 213-6376",
        "email": "info@harmreduction.org",
        "website": "",
        "contact_note": "",
        "address": "",
        "city": "",
        "region": "",
        "country": "US",
        "coverage": Coverage.NATIONAL,
        "coverage_note": "Offices in New York and California",
    },
    {
        "name": "Next Distro",
        "acronym": "",
        "description": "Offers free mail-based naloxone distribution, education on safe "
        "injection practices, and connections to local harm reduction services.",
        "services": ["naloxone-distribution", "harm-reduction-education"],
        "phone": "",
        "email": "",
        "website": "https://nextdistro.org",
        "contact_note": "Email through website contact form",
        "address": "",
        "city": "",
        "region": "",
        "country": "US",
        "coverage": Coverage.NATIONAL,
        "coverage_note": "Operates nationally through an online platform",
    },
    {
        "name": "North American Syringe Exchange Network",
        "acronym": "NASEN",
        "description": "Offers support, resources, and a directory of local syringe exchange "
        "programs by state.",
        "services": ["syringe-services"],
        "phone": "(253) 272-4857",
        "email": "info@nasen.org",
        "website": "",
        "contact_note": "",
        "address": "",
        "city": "Tacoma",
        "region": "WA",
        "country": "US",
        "coverage": Coverage.NATIONAL,
        "coverage_note": "Based in Tacoma, WA but operates nationally",
    },
    {
        "name": "The DOPE Project",
        "acronym": "DOPE",
        "description": "Drug Overdose Prevention and Education. Provides naloxone "
        "distribution, overdose response training, and harm reduction education.",
        "services": [
            "naloxone-distribution",
            "overdose-response-training",
            "harm-reduction-education",
        ],
        "phone": "(510) 444-6969",
        "email": "dope@harmreduction.org",
        "website": "",
        "contact_note": "",
        "address": "",
        "city": "",
        "region": "CA",
        "country": "US",
        "coverage": Coverage.NATIONAL,
        "coverage_note": "Based in California but offers national resources",
    },
    {
        "name": "Prevention Point Philadelphia",
        "acronym": "",
        "description": "Syringe exchange, naloxone distribution, wound care, housing "
        "assistance, and case management.",
        "services": [
            "syringe-services",
            "naloxone-distribution",
            "wound-care",
            "housing-assistance",
            "case-management",
        ],
        "phone": "(215) 634-5272",
        "email": "info@ppponline.org",
        "website": "",
        "contact_note": "",
        "address": "2913-15 Kensington Avenue",
        "city": "Philadelphia",
        "region": "PA",
        "country": "US",
        "coverage": Coverage.LOCAL,
        "coverage_note": "2913-15 Kensington Avenue, Philadelphia, PA",
    },
    {
        "name": "Chicago Recovery Alliance",
        "acronym": "CRA",
        "description": "Mobile syringe exchange, naloxone distribution, fentanyl testing, and "
        "health education.",
        "services": ["syringe-services", "naloxone-distribution", "fentanyl-test-strips"],
        "phone": "(773) 989-9400",
        "email": "cra@anypositivechange.org",
        "website": "",
        "contact_note": "",
        "address": "",
        "city": "Chicago",
        "region": "IL",
        "country": "US",
        "coverage": Coverage.LOCAL,
        "coverage_note": "Various locations throughout Chicago, IL",
    },
    {
        "name": "Harm Reduction Michigan",
        "acronym": "",
        "description": "Syringe service programs, naloxone training and distribution, "
        "fentanyl test strips, and outreach services.",
        "services": [
            "syringe-services",
            "naloxone-distribution",
            "fentanyl-test-strips",
            "overdose-response-training",
            "outreach",
        ],
        "phone": "(517) 599-9023",
        "email": "info@harmreductionmi.org",
        "website": "",
        "contact_note": "",
        "address": "",
        "city": "Lansing",
        "region": "MI",
        "country": "US",
        "coverage": Coverage.REGIONAL,
        "coverage_note": "Lansing, MI, and other Michigan cities",
    },
]

ARTICLE_SLUG = "practical-ways-harm-reduction-techniques-make-a-difference"

ARTICLE = {
    "title": "Practical Ways Harm Reduction Techniques Make a Difference",
    "slug": ARTICLE_SLUG,
    "greeting": "Hello, Mindful Recovery Hub community!",
    "intro": (
        "<p>In case you need a quick refresher, harm reduction is all about minimizing the "
        "negative consequences associated with various behaviors, especially substance use. "
        "It’s a pragmatic, compassionate approach that meets people where they are, without "
        "judgment. By reducing the immediate risks of substance use, harm reduction not only "
        "helps individuals but also benefits society by reducing healthcare costs, lowering "
        "disease transmission, and providing safer environments.</p>"
    ),
    "publication_date": datetime.date(2024, 11, 5),
    "comments_enabled": True,
    "reactions_enabled": True,
}

ARTICLE_TAGS = ["harm reduction", "naloxone", "recovery"]

RESOURCES_HEADING = "Some Harm Reduction Programs Resources"


def _heading(text: str, level: str = "h2") -> dict:
    return {"type": "heading", "value": {"text": text, "level": level}}


def _paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html}


QUIZ = {
    "type": "quiz",
    "value": {
        "title": "Test Your Harm Reduction Knowledge 🧠",
        "intro": "Two quick questions. Your score appears when you submit.",
        "questions": [
            {
                "prompt": "Harm reduction is only about illegal drug use.",
                "kind": "true_false",
                "choices": [
                    {"text": "True", "is_correct": False},
                    {"text": "False", "is_correct": True},
                ],
                "explanation": "False. Harm reduction applies to many behaviours, not only "
                "illegal drug use: alcohol, tobacco, prescription drugs, sex and more. It is "
                "about reducing the negative consequences of a behaviour, whatever it is.",
            },
            {
                "prompt": "Which of these is an example of a harm reduction strategy?",
                "kind": "single_choice",
                "choices": [
                    {"text": "Requiring abstinence before offering help", "is_correct": False},
                    {"text": "Naloxone distribution", "is_correct": True},
                    {"text": "Arresting people who use drugs", "is_correct": False},
                    {
                        "text": "Refusing clean supplies to people who inject",
                        "is_correct": False,
                    },
                ],
                "explanation": "Naloxone distribution. Naloxone reverses opioid overdoses, and "
                "handing it out lets users, friends and families respond quickly and save lives, "
                "without requiring anyone to stop using first.",
            },
        ],
        "result_bands": [
            {
                "min_percent": 0,
                "max_percent": 49,
                "message": "Keep learning! Harm reduction is broader than many people think; "
                "read on to find out more.",
            },
            {
                "min_percent": 50,
                "max_percent": 99,
                "message": "Good start! You know the basics; the article below fills in the rest.",
            },
            {
                "min_percent": 100,
                "max_percent": 100,
                "message": "Great job! You know your harm reduction. Share what you know with "
                "someone who needs it.",
            },
        ],
    },
}

PROGRAMMES = [
    {
        "name": "Needle Exchange Programs",
        "abbreviation": "NEPs",
        "description": "NEPs provide clean needles to individuals who inject drugs, which "
        "reduces the spread of bloodborne diseases like HIV and hepatitis C. These programs "
        "also offer resources for testing, education, and referrals to treatment.",
    },
    {
        "name": "Supervised Consumption Sites",
        "abbreviation": "",
        "description": "At these sites, individuals can use substances in a clean, safe "
        "environment under medical supervision. This setup reduces the risk of overdose and "
        "provides immediate help if necessary. It’s a prime example of how harm reduction "
        "helps addiction without requiring users to abstain immediately.",
    },
    {
        "name": "Naloxone Distribution",
        "abbreviation": "",
        "description": "Naloxone is a medication that can reverse opioid overdoses. Programs "
        "that distribute naloxone empower users, friends, and families to respond quickly to "
        "overdoses, saving countless lives.",
    },
    {
        "name": "Educational Programs",
        "abbreviation": "",
        "description": "Some harm reduction initiatives focus on teaching safer practices, such "
        "as identifying harmful drug mixtures, understanding dosing, and accessing support "
        "services. Safer drug use with harm reduction is not just about providing supplies but "
        "also about building knowledge for safer decisions.",
    },
]

RESOURCES_INTRO = (
    "Here are some resources on harm reduction programs in the USA that offer support, "
    "education, and services related to harm reduction. These organizations can provide clean "
    "needles, naloxone distribution, supervised consumption information, and other harm "
    "reduction services."
)


def article_body(organisation_ids: list[int]) -> list[dict]:
    """The article body as raw StreamField data; ``organisation_ids`` in the seed's order."""
    return [
        QUIZ,
        _heading("Harm Reduction vs. Abstinence"),
        _paragraph(
            "<p>People often wonder, “Harm reduction vs. abstinence, which is better?” The "
            "answer depends on each individual’s needs. Harm reduction is not anti-abstinence; "
            "rather, it recognizes that not everyone can or wants to stop using substances "
            "immediately. For some, harm reduction in addiction recovery can be a "
            "steppingstone to abstinence. For others, it’s a way to stay safe while they "
            "continue to use.</p>"
        ),
        {
            "type": "discussion_prompt",
            "value": {
                "question": "Do you think harm reduction could be a helpful approach for "
                "someone you know?",
                "invitation": "If so, share your thoughts in the comments below!",
            },
        },
        _heading("How Harm Reduction Helps Addiction Recovery"),
        _paragraph(
            "<p>For many individuals, harm reduction can be the first step in their recovery "
            "journey. By offering non-judgmental support, harm reduction builds trust, allowing "
            "individuals to seek help when they’re ready. Whether through NEPs, counselling, or "
            "access to naloxone, harm reduction programs serve as entry points for individuals "
            "who may eventually pursue abstinence if they choose.</p>"
            "<p>The harm reduction approach to substance use isn’t just a method; it’s a "
            "mindset that values human life and dignity. Harm reduction recognizes the "
            "struggles people face and respects their choices, helping them stay safe while "
            "they work toward their goals.</p>"
            "<p>By offering tools and support without judgment, harm reduction reduces stigma "
            "and empowers people to make healthier choices. This compassionate approach makes "
            "it clear that recovery is possible, one small step at a time.</p>"
        ),
        _heading("Harm Reduction Programs"),
        _paragraph(
            "<p>Here are some practical applications of harm reduction programs that make a "
            "real difference in communities:</p>"
        ),
        {
            "type": "programme_list",
            "value": {"heading": "", "intro": "", "programmes": PROGRAMMES},
        },
        _heading(RESOURCES_HEADING),
        {
            "type": "organisation_directory",
            "value": {
                "heading": RESOURCES_HEADING,
                "intro": RESOURCES_INTRO,
                "organisations": list(organisation_ids),
                "service": None,
                "region": "",
                "coverage": "",
            },
        },
        _paragraph(
            "<p>These organizations provide vital harm reduction services and resources. Many "
            "also have local partners or can direct you to resources in your area, helping "
            "ensure safety, education, and support for individuals affected by substance use "
            "across the U.S.</p>"
        ),
        {
            "type": "sign_off",
            "value": {"closing": "Best,", "signature": "The Mindful Recovery Hub Team"},
        },
    ]


# --- Loading ----------------------------------------------------------------------------------


@dataclass
class LoadReport:
    """What :func:`load_demo_content` did, by kind of object."""

    created: dict[str, list[str]] = field(default_factory=dict)
    updated: dict[str, list[str]] = field(default_factory=dict)
    unchanged: dict[str, list[str]] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    article: ArticlePage | None = None
    article_es: ArticlePage | None = None
    kinds: list[str] = field(default_factory=list)

    def record(self, kind: str, label: str, status: str) -> None:
        if kind not in self.kinds:
            self.kinds.append(kind)
        getattr(self, status).setdefault(kind, []).append(label)

    def lines(self) -> list[str]:
        lines = []
        for kind in self.kinds:
            counts = [
                f"{len(getattr(self, status).get(kind, []))} {status}"
                for status in ("created", "updated", "unchanged")
            ]
            lines.append(f"{kind}: {', '.join(counts)}")
        lines.extend(f"Removed: {label}" for label in self.removed)
        lines.extend(self.notes)
        return lines


def _snapshot(obj, names: list[str]) -> dict:
    return {name: getattr(obj, name) for name in names}


def _assign(obj, values: dict) -> None:
    for name, value in values.items():
        setattr(obj, name, value)


def _strip_ids(data):
    """Raw StreamField data without block ids, to compare content across saves."""
    if isinstance(data, dict):
        return {key: _strip_ids(value) for key, value in data.items() if key != "id"}
    if isinstance(data, list):
        return [_strip_ids(item) for item in data]
    return data


def _clean_body(raw: list[dict]):
    """Validate raw body data with the article's blocks; return the cleaned StreamValue."""
    stream_block = ArticlePage._meta.get_field("body").stream_block
    try:
        return stream_block.clean(stream_block.to_python(raw))
    except ValidationError as exc:
        detail = exc.as_json_data() if hasattr(exc, "as_json_data") else exc.messages
        raise ValidationError(f"The demo article body does not validate: {detail}") from exc


def _publish_page(page, status: str, report: LoadReport, kind: str) -> None:
    if status != "unchanged" or not page.live or page.has_unpublished_changes:
        page.save_revision().publish()
        # Publishing saves a copy made from the revision; reload so that children added next
        # get the right url_path.
        page.refresh_from_db()
        if status == "unchanged":
            status = "updated"
    report.record(kind, page.slug, status)


def _ensure_locale() -> Locale:
    locale = Locale.objects.filter(language_code=LANGUAGE_CODE).first()
    return locale or Locale.objects.create(language_code=LANGUAGE_CODE)


def _ensure_services(locale: Locale, report: LoadReport) -> dict[str, Service]:
    services = {}
    for slug, (name, description) in SERVICES.items():
        service = Service.objects.filter(locale=locale, slug=slug).first()
        values = {"name": name, "description": description}
        if service is None:
            service = Service(locale=locale, slug=slug, **values)
            status = "created"
        else:
            before = _snapshot(service, list(values))
            _assign(service, values)
            status = "updated" if _snapshot(service, list(values)) != before else "unchanged"
        if status != "unchanged":
            service.full_clean()
            service.save()
        report.record("Services", slug, status)
        services[slug] = service
    return services


def _ensure_author(locale: Locale, report: LoadReport) -> Author:
    author = Author.objects.filter(locale=locale, name=AUTHOR["name"]).first()
    if author is None:
        author = Author(locale=locale, **AUTHOR)
        status = "created"
    else:
        status = "unchanged" if author.bio == AUTHOR["bio"] else "updated"
        author.bio = AUTHOR["bio"]
    if status != "unchanged":
        author.full_clean()
        author.save()
    report.record("Authors", author.name, status)
    return author


def _ensure_organisations(
    locale: Locale, services: dict[str, Service], report: LoadReport
) -> list[Organisation]:
    organisations = []
    for data in ORGANISATIONS:
        values = {key: value for key, value in data.items() if key not in ("name", "services")}
        values["last_verified"] = LAST_VERIFIED
        service_ids = {services[slug].pk for slug in data["services"]}
        organisation = Organisation.objects.filter(locale=locale, name=data["name"]).first()
        if organisation is None:
            organisation = Organisation(locale=locale, name=data["name"])
            status = "created"
            before = None
        else:
            status = None
            before = (
                _snapshot(organisation, list(values)),
                {service.pk for service in organisation.services.all()},
            )
        _assign(organisation, values)
        organisation.services.set([services[slug] for slug in data["services"]])
        organisation.full_clean()  # normalises phone (E.164), country and region
        if status is None:
            after = (_snapshot(organisation, list(values)), service_ids)
            status = "updated" if after != before else "unchanged"
        if status != "unchanged" or not organisation.live or organisation.has_unpublished_changes:
            organisation.live = True
            organisation.save()
            organisation.save_revision().publish()
            organisation.refresh_from_db()
            if status == "unchanged":
                status = "updated"
        report.record("Organisations", organisation.name, status)
        organisations.append(organisation)
    return organisations


def _ensure_crisis_lines(locale: Locale, report: LoadReport) -> list[CrisisLine]:
    lines = []
    for data in CRISIS_LINES:
        line = CrisisLine.objects.filter(locale=locale, name=data["name"]).first()
        status = "created" if line is None else "unchanged"
        line = line or CrisisLine(locale=locale)
        before = _snapshot(line, list(data))
        _assign(line, data)
        line.full_clean()  # normalises the numbers (E.164 or a short code) and languages
        if status == "unchanged" and _snapshot(line, list(data)) != before:
            status = "updated"
        if status != "unchanged" or not line.live or line.has_unpublished_changes:
            line.live = True
            line.save()
            line.save_revision().publish()
            line.refresh_from_db()
            status = "updated" if status == "unchanged" else status
        report.record("Crisis lines", line.name, status)
        lines.append(line)
    return lines


def _ensure_verifications(organisations: list[Organisation], report: LoadReport) -> None:
    """A verification record for each organisation that has none (see VERIFIED_DAYS_AGO); an
    organisation with records keeps them (an editor's verifications are never replaced)."""
    verified = set(
        OrganisationVerification.objects.filter(
            translation_key__in=[organisation.translation_key for organisation in organisations]
        ).values_list("translation_key", flat=True)
    )
    now = timezone.now()
    methods = list(VerificationMethod)
    for index, organisation in enumerate(organisations):
        if organisation.translation_key in verified:
            report.record("Verifications", organisation.name, "unchanged")
            continue
        days = VERIFIED_DAYS_AGO.get(organisation.name, 30)
        OrganisationVerification.objects.create(
            translation_key=organisation.translation_key,
            verified_at=now - datetime.timedelta(days=days),
            method=methods[index % len(methods)],
            note=VERIFICATION_NOTE,
        )
        report.record("Verifications", organisation.name, "created")


def _welcome_page(root: Page) -> Page | None:
    """The “Welcome to your new Wagtail site!” page made by Wagtail's initial migration."""
    return (
        root.get_children()
        .filter(slug=HOME["slug"], content_type=ContentType.objects.get_for_model(Page))
        .first()
    )


def _ensure_home(locale: Locale, report: LoadReport) -> HomePage:
    root = Page.get_first_root_node()
    home = HomePage.objects.child_of(root).filter(locale=locale, slug=HOME["slug"]).first()
    status = "created" if home is None else None
    welcome = _welcome_page(root) if home is None else None
    if welcome is not None and welcome.numchild:
        raise ValidationError(
            f"The page “{welcome.title}” (id {welcome.pk}) at /{welcome.slug}/ has child pages; "
            "move or delete them before loading the demo content."
        )
    if home is None:
        if root.get_children().filter(slug=HOME["slug"]).exclude(pk=getattr(welcome, "pk", None)):
            raise ValidationError(
                f"Another top-level page already uses the slug “{HOME['slug']}”; rename it first."
            )
        # While the welcome page still holds the slug, ours takes a temporary one.
        slug = HOME["slug"] if welcome is None else f"{HOME['slug']}-{locale.language_code}-demo"
        home = root.add_child(
            instance=HomePage(title=HOME["title"], slug=slug, intro=HOME["intro"], locale=locale)
        )

    site = (
        Site.objects.filter(is_default_site=True).first()
        or Site.objects.filter(hostname=SITE_HOSTNAME, port=SITE_PORT).first()
        or Site(hostname=SITE_HOSTNAME, port=SITE_PORT)
    )
    site_values = {
        "hostname": SITE_HOSTNAME,
        "port": SITE_PORT,
        "site_name": SITE_NAME,
        "is_default_site": True,
        "root_page_id": home.pk,
    }
    if site.pk is None or _snapshot(site, list(site_values)) != site_values:
        site_status = "created" if site.pk is None else "updated"
        _assign(site, site_values)
        site.full_clean()
        site.save()
    else:
        site_status = "unchanged"
    report.record("Sites", f"{SITE_HOSTNAME}:{SITE_PORT}", site_status)

    if welcome is not None:
        report.removed.append(f"Wagtail welcome page “{welcome.title}” (id {welcome.pk})")
        welcome.delete()
        home.refresh_from_db()

    values = {"title": HOME["title"], "slug": HOME["slug"], "intro": HOME["intro"]}
    if status is None:
        before = _snapshot(home, list(values))
        _assign(home, values)
        status = "updated" if _snapshot(home, list(values)) != before else "unchanged"
    else:
        _assign(home, values)
    _publish_page(home, status, report, "Pages")
    return home


def _ensure_article_index(home: HomePage, locale: Locale, report: LoadReport) -> ArticleIndexPage:
    values = {"title": ARTICLE_INDEX["title"], "intro": ARTICLE_INDEX["intro"]}
    index = (
        ArticleIndexPage.objects.child_of(home)
        .filter(locale=locale, slug=ARTICLE_INDEX["slug"])
        .first()
    )
    if index is None:
        index = home.add_child(
            instance=ArticleIndexPage(slug=ARTICLE_INDEX["slug"], locale=locale, **values)
        )
        status = "created"
    else:
        before = _snapshot(index, list(values))
        _assign(index, values)
        status = "updated" if _snapshot(index, list(values)) != before else "unchanged"
    _publish_page(index, status, report, "Pages")
    return index


def _ensure_article(
    index: ArticleIndexPage,
    locale: Locale,
    author: Author,
    organisations: list[Organisation],
    report: LoadReport,
) -> ArticlePage:
    body = _clean_body(article_body([organisation.pk for organisation in organisations]))
    values = {key: value for key, value in ARTICLE.items() if key != "slug"}
    values["author_id"] = author.pk
    article = ArticlePage.objects.child_of(index).filter(locale=locale, slug=ARTICLE_SLUG).first()
    if article is None:
        article = ArticlePage(slug=ARTICLE_SLUG, locale=locale, body=body, **values)
        article.tags.set(ARTICLE_TAGS)
        article = index.add_child(instance=article)
        status = "created"
    else:
        before = (
            _snapshot(article, list(values)),
            _strip_ids(article.body.get_prep_value()),
            sorted(tag.name for tag in article.tags.all()),
        )
        _assign(article, values)
        after = (
            _snapshot(article, list(values)),
            _strip_ids(body.get_prep_value()),
            sorted(ARTICLE_TAGS),
        )
        status = "updated" if after != before else "unchanged"
        if after[1] != before[1]:
            article.body = body
        if after[2] != before[2]:
            article.tags.set(ARTICLE_TAGS)
    _publish_page(article, status, report, "Pages")
    return article


# --- Spanish, through wagtail-localize -----------------------------------------------------------


def _source_content(instance) -> object:
    """``instance`` as wagtail-localize serialises it into ``TranslationSource.content_json``."""
    if isinstance(instance, ClusterableModel):
        return json.loads(instance.to_json())
    return json.loads(json.dumps(get_serializable_data_for_fields(instance), cls=DjangoJSONEncoder))


def _fill_strings(translation: Translation, label: str) -> bool:
    """Give every string of ``translation`` its Spanish; return whether any string changed.

    Raises ValidationError listing the English strings that have no Spanish in
    :mod:`demo.content_es`, so that nothing is published half in English.
    """
    po = translation.export_po()
    entries = [entry for entry in po if not entry.obsolete]
    missing = sorted(
        {entry.msgid for entry in entries if content_es.spanish_for(entry.msgid) is None}
    )
    if missing:
        listed = "; ".join(f"“{msgid}”" for msgid in missing)
        raise ValidationError(
            f"No Spanish for {len(missing)} string(s) of {label}; add them to SPANISH in "
            f"demo/content_es.py: {listed}"
        )
    changed = False
    for entry in entries:
        spanish = content_es.spanish_for(entry.msgid)
        if entry.msgstr != spanish:
            entry.msgstr = spanish
            changed = True
    if changed:
        warnings = translation.import_po(po)
        if warnings:
            raise ValidationError(
                f"wagtail-localize did not take the Spanish of {label}: {warnings}"
            )
    total, translated = translation.get_progress()
    if translated < total:
        raise ValidationError(
            f"wagtail-localize rejected {total - translated} Spanish string(s) of {label} "
            "(check their HTML and links in demo/content_es.py)."
        )
    return changed


def _translated_instance(source: TranslationSource, locale: Locale):
    try:
        return source.get_translated_instance(locale)
    except models.ObjectDoesNotExist:
        return None


def _save_target(translation: Translation):
    """Write the translation to its target object and make it live; return the target."""
    model = translation.source.specific_content_type.model_class()
    if issubclass(model, DraftStateMixin):  # pages and organisations
        # save_target(publish=True) publishes in transaction.on_commit, i.e. after the loader's
        # transaction (and never inside a test's). Save a draft revision, then publish it here.
        translation.save_target(publish=False)
        target = translation.get_target_instance()
        target.latest_revision.publish()
        target.refresh_from_db()
        return target
    translation.save_target(publish=True)
    return translation.get_target_instance()


def _translate(instance, locale: Locale, report: LoadReport, kind: str, label: str):
    """Create or sync the ``locale`` translation of ``instance`` through wagtail-localize.

    Does what the admin's “Translate” and “Sync translated pages” do (a TranslationSource for
    the English object, a synced Translation into ``locale``), fills the strings from
    :mod:`demo.content_es`, and saves and publishes the target only when something
    changed: the English source, a Spanish string, or the target being missing, unpublished or
    older than its source. Related snippets are not translated here; translate them first, so
    that the target points at their translations (an untranslated one stays in English).
    """
    instance = type(instance).objects.get(pk=instance.pk)  # as stored, with fresh relations
    source, changed = TranslationSource.get_or_create_from_instance(instance)
    if not changed and _source_content(instance) != json.loads(source.content_json):
        source.update_from_db()
        changed = True
    translation, created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    if not translation.enabled:
        translation.enabled = True
        translation.save(update_fields=["enabled"])
        created = True
    changed = _fill_strings(translation, label) or changed or created

    target = _translated_instance(source, locale)
    if target is None:
        status = "created"
    elif (
        changed
        or (
            isinstance(target, DraftStateMixin)
            and (not target.live or target.has_unpublished_changes)
        )
        or not TranslationLog.objects.filter(
            source=source, locale=locale, created_at__gte=source.last_updated_at
        ).exists()
    ):
        status = "updated"
    else:
        status = "unchanged"
    if status != "unchanged":
        target = _save_target(translation)
    report.record(kind, label, status)
    return target


def _ensure_spanish(
    services: dict[str, Service],
    author: Author,
    crisis_lines: list[CrisisLine],
    organisations: list[Organisation],
    pages: list[Page],
    report: LoadReport,
) -> ArticlePage | None:
    """Translate the demo content into Spanish; return the Spanish article (None without es)."""
    locale = Locale.objects.filter(language_code=content_es.LANGUAGE_CODE).first()
    if locale is None:
        report.notes.append(
            "Spanish: skipped, there is no “es” locale (add es to CONTENT_LANGUAGES and run "
            "migrate)."
        )
        return None

    # Snippets first, so that the Spanish article points at their Spanish versions.
    for slug, service in services.items():
        _translate(service, locale, report, "Services (es)", slug)
    _translate(author, locale, report, "Authors (es)", author.name)
    for line in crisis_lines:
        _translate(line, locale, report, "Crisis lines (es)", line.name)
    for organisation in organisations:
        if organisation.name in content_es.UNTRANSLATED_ORGANISATIONS:
            note = f"Left in English on purpose: {organisation.name}"
            if organisation.has_translation(locale):
                note += " (but it has a Spanish translation, made outside this loader)"
            report.notes.append(note)
            continue
        _translate(organisation, locale, report, "Organisations (es)", organisation.name)

    # Parents before children: each Spanish page goes under its parent's translation.
    target = None
    for page in pages:
        target = _translate(page, locale, report, "Pages (es)", page.slug)
    return target


def load_demo_content(stdout=None, *, translations: bool = True) -> LoadReport:
    """Create or update the demo site, directory and article, in English and (through
    wagtail-localize, unless ``translations`` is false) in Spanish; return what was done.

    Safe to run repeatedly: the second run changes nothing. ``stdout`` (any object with
    ``write``) receives a short summary; pass ``None`` for silence.
    """
    report = LoadReport()
    with transaction.atomic():
        locale = _ensure_locale()
        services = _ensure_services(locale, report)
        author = _ensure_author(locale, report)
        organisations = _ensure_organisations(locale, services, report)
        _ensure_verifications(organisations, report)
        crisis_lines = _ensure_crisis_lines(locale, report)
        home = _ensure_home(locale, report)
        index = _ensure_article_index(home, locale, report)
        report.article = _ensure_article(index, locale, author, organisations, report)
        if translations:
            report.article_es = _ensure_spanish(
                services, author, crisis_lines, organisations, [home, index, report.article], report
            )

    if stdout is not None:
        for line in report.lines():
            stdout.write(f"{line}\n")
        stdout.write(f"Article: {report.article.slug} (at {report.article.get_url()})\n")
        if report.article_es is not None:
            article_es = report.article_es
            stdout.write(f"Spanish article: {article_es.slug} (at {article_es.get_url()})\n")
    return report
