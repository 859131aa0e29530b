"""Reusable directory content: organisations, the services they offer, and article authors.

Every snippet is translatable (``TranslatableMixin``): each locale has its own row, linked to the
source by ``translation_key``. Organisations are also drafted and revisioned so that a change to
a phone number can be reviewed before readers see it; only live organisations are ever served.
"""

import datetime
import re
from urllib.parse import quote
from weakref import WeakKeyDictionary

import graphene
import phonenumbers
from django import forms
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone
from grapple.models import (
    GraphQLCollection,
    GraphQLField,
    GraphQLImage,
    GraphQLSnippet,
    GraphQLString,
)
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import (
    DraftStateMixin,
    Locale,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.preview import FrontendPreviewMixin

from .forms import CrisisLineForm, OrganisationForm
from .localisation import best_translations, locale_code_for
from .panels import LatestChecksPanel
from .phone import EXTENSION as EXTENSION_SEPARATOR
from .phone import Phone, display_phone, normalise_phone

SUBDIVISION_CODE = re.compile(r"^[A-Z0-9]{1,3}$")


class Coverage(models.TextChoices):
    NATIONAL = "national", "National"
    REGIONAL = "regional", "Regional"
    LOCAL = "local", "Local"


class CoverageEnum(graphene.Enum):
    """How far an organisation's services reach."""

    NATIONAL = "national"
    REGIONAL = "regional"
    LOCAL = "local"


class VerificationMethod(models.TextChoices):
    PHONE_CALL = "phone_call", "Phone call"
    EMAIL = "email", "Email"
    WEBSITE = "website", "Website"
    IN_PERSON = "in_person", "In person"


class VerificationMethodEnum(graphene.Enum):
    """How an editor checked an organisation's details."""

    PHONE_CALL = "phone_call"
    EMAIL = "email"
    WEBSITE = "website"
    IN_PERSON = "in_person"


DEFAULT_REVERIFY_DAYS = 180
# Organisations whose verification goes stale within this many days are "due soon".
SOON_DAYS = 30


def reverify_days() -> int:
    """``DIRECTORY_REVERIFY_DAYS``: how long a verification holds before an organisation is
    stale (default 180)."""
    return int(getattr(settings, "DIRECTORY_REVERIFY_DAYS", DEFAULT_REVERIFY_DAYS))


def stale_before() -> datetime.datetime:
    """Verifications made before this moment no longer count: their organisations are stale."""
    return timezone.now() - datetime.timedelta(days=reverify_days())


def untitled(kind: str, obj) -> str:
    """A readable title for an entry saved without its name (a draft): “Untitled organisation
    #20 (draft, en)”, never “Organisation object (20)” or a blank row."""
    details = []
    if getattr(obj, "live", True) is False:
        details.append("draft")
    if obj.locale_id is not None:
        details.append(locale_code_for(obj.locale_id))
    number = f" #{obj.pk}" if obj.pk else ""
    return f"Untitled {kind}{number}" + (f" ({', '.join(details)})" if details else "")


class LocalisedSnippet:
    """GraphQL fields telling frontends which language an object is served in.

    ``is_fallback`` is set by the API when the object stands in for a translation that does not
    exist yet (see snippets.localisation).
    """

    is_fallback = False

    def graphql_locale(self, info, **kwargs) -> str:
        return locale_code_for(self.locale_id)

    @classmethod
    def locale_graphql_fields(cls):
        return [
            GraphQLString(
                "locale",
                required=True,
                source="graphql_locale",
                description="Language code of this version, e.g. “es”.",
            ),
            GraphQLField(
                "is_fallback",
                graphene.Boolean,
                required=True,
                description="True when no translation exists in the requested language and "
                "this version (see `locale`) is served instead.",
            ),
        ]


class PublicationStatus:
    """For drafted snippets (organisations, crisis lines)."""

    @property
    def publication_status(self) -> str:
        """“live”, “live + draft” or “draft”, for the admin's listing and export (unlike
        Wagtail's ``status_string``, it makes no query)."""
        if not self.live:
            return "draft"
        return "live + draft" if self.has_unpublished_changes else "live"


class PhoneAndPlace:
    """A stored ``phone`` (snippets/phone.py) in its ``country``, with a ``region``: organisations
    and crisis lines."""

    @property
    def _phone(self) -> Phone | None:
        return Phone.stored(self.phone, self.country)

    @property
    def phone_number(self) -> str:
        """E.164 or a short code, without the extension."""
        return self._phone.number if self._phone else ""

    @property
    def phone_uri(self) -> str:
        return self._phone.uri if self._phone else ""

    def clean_location(self) -> dict[str, ValidationError]:
        """Normalise ``country`` and ``region``; the errors an editor can act on, by field."""
        errors = {}
        self.country = (self.country or "").strip().upper()
        self.region = (self.region or "").strip().upper()
        if self.country not in phonenumbers.SUPPORTED_REGIONS:
            errors["country"] = ValidationError(
                "Use the two-letter ISO country code, e.g. US.", code="invalid_country"
            )
        if self.region and not SUBDIVISION_CODE.match(self.region):
            errors["region"] = ValidationError(
                "Use the postal subdivision code (one to three letters or digits), e.g. PA.",
                code="invalid_region",
            )
        return errors


class Service(LocalisedSnippet, TranslatableMixin, index.Indexed, models.Model):
    """A kind of help an organisation offers (naloxone distribution, wound care, ...).

    Used to tag organisations and to filter the directory.
    """

    name = models.CharField(max_length=100)
    slug = models.SlugField(
        max_length=100,
        allow_unicode=True,
        help_text="Used in directory filters and URLs, e.g. naloxone-distribution.",
    )
    description = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    graphql_fields = [
        GraphQLString("name", required=True),
        GraphQLString("slug", required=True, description="The same in every language."),
        GraphQLString("description", required=True),
        *LocalisedSnippet.locale_graphql_fields(),
    ]
    # Slugs stay the same in every language, so that directory filters work in all of them.
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("description"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="unique_service_slug_per_locale"
            )
        ]

    def __str__(self):
        return self.name or untitled(self._meta.verbose_name, self)

    def clean(self):
        super().clean()
        # The admin form has no locale field, so Django skips the (locale, slug) constraint when
        # validating; check it here to give the editor a message instead of a server error.
        locale_id = self.locale_id or Locale.get_default().pk
        clash = Service.objects.filter(locale_id=locale_id, slug=self.slug).exclude(pk=self.pk)
        if self.slug and clash.exists():
            raise ValidationError(
                {"slug": "Another service in this language already uses this slug; choose another."}
            )


# Per request, without setting attributes on it: the entry goes with the request.
_service_translations_by_request: WeakKeyDictionary = WeakKeyDictionary()


def service_translations(request, chain) -> dict:
    """Best translation of every service for ``chain``, by translation key; once per request."""
    cache = _service_translations_by_request.setdefault(request, {})
    if chain not in cache:
        candidates = Service.objects.filter(locale_id__in=chain.ids)
        cache[chain] = {
            service.translation_key: service for service in best_translations(candidates, chain)
        }
    return cache[chain]


class Author(LocalisedSnippet, TranslatableMixin, index.Indexed, models.Model):
    """The person or team credited on an article."""

    name = models.CharField(max_length=255)
    bio = models.TextField(blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("name"), FieldPanel("bio"), FieldPanel("image")]

    graphql_fields = [
        GraphQLString("name", required=True),
        GraphQLString("bio", required=True),
        GraphQLImage("image"),
        *LocalisedSnippet.locale_graphql_fields(),
    ]
    translatable_fields = [
        SynchronizedField("name"),
        TranslatableField("bio"),
        SynchronizedField("image"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("bio"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]

    def __str__(self):
        return self.name or untitled(self._meta.verbose_name, self)


class OrganisationQuerySet(models.QuerySet):
    def with_verification(self) -> "OrganisationQuerySet":
        """Each organisation with its latest verification (date and method) and whether
        readers' problem reports about it are open, as annotations read by the API's fields:
        two correlated subqueries on indexes, no query per organisation. Both follow the
        translation key: every language shares the verifications and reports."""
        latest = OrganisationVerification.objects.filter(
            translation_key=OuterRef("translation_key")
        ).order_by("-verified_at", "-pk")
        open_reports = DirectoryProblemReport.objects.filter(
            organisation__translation_key=OuterRef("translation_key"),
            status=ProblemReportStatus.OPEN,
        )
        return self.annotate(
            annotated_verified_at=Subquery(latest.values("verified_at")[:1]),
            annotated_verification_method=Subquery(latest.values("method")[:1]),
            annotated_open_reports=Exists(open_reports),
        )


class Organisation(
    FrontendPreviewMixin,
    PreviewableMixin,
    PublicationStatus,
    PhoneAndPlace,
    LocalisedSnippet,
    TranslatableMixin,
    DraftStateMixin,
    RevisionMixin,
    index.Indexed,
    ClusterableModel,
):
    """An organisation in the resource directory, reused by many articles.

    Contact details are what readers act on in a crisis, so they are validated (phone numbers in
    E.164), reviewed as drafts before they go live, and carry the date they were last verified.
    """

    name = models.CharField(max_length=255)
    acronym = models.CharField(max_length=20, blank=True, help_text="e.g. NASEN")
    description = models.TextField(help_text="What the organisation offers, in one or two lines.")
    services = ParentalManyToManyField(Service, blank=True, related_name="organisations")

    phone = models.CharField(
        max_length=32,
        blank=True,
        help_text="Written as usual, e.g. (212) 213-6376 or (215) 634-5272 ext. 12, or a "
        "short code such as 988; checked, and stored with its country code.",
    )
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    contact_note = models.CharField(
        max_length=255,
        blank=True,
        help_text="How to get in touch when there is no phone or email, "
        "e.g. “Email through website contact form”.",
    )

    address = models.CharField(max_length=255, blank=True, help_text="Street address, if public.")
    city = models.CharField(max_length=100, blank=True)
    region = models.CharField(
        max_length=3,
        blank=True,
        help_text="Postal subdivision code, e.g. PA, IL, MI.",
    )
    country = models.CharField(
        max_length=2, default="US", help_text="ISO 3166 country code, e.g. US."
    )
    coverage = models.CharField(max_length=10, choices=Coverage.choices, default=Coverage.LOCAL)
    coverage_note = models.CharField(
        max_length=255,
        blank=True,
        help_text="Where the organisation operates, as readers should read it, "
        "e.g. “Based in Tacoma, WA but operates nationally”.",
    )
    last_verified = models.DateField(
        default=timezone.localdate,
        help_text="When someone last checked these contact details.",
    )
    objects = OrganisationQuerySet.as_manager()

    # Lets Wagtail delete an organisation's revisions with it and query them efficiently.
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="organisation")

    base_form_class = OrganisationForm  # services of its own language only

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("acronym"), FieldPanel("description")],
            heading="Organisation",
        ),
        FieldPanel("services", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("website"),
                FieldPanel("contact_note"),
            ],
            heading="Contact",
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("region"), FieldPanel("country")]),
                FieldRowPanel([FieldPanel("coverage"), FieldPanel("coverage_note")]),
            ],
            heading="Location and coverage",
        ),
        FieldPanel("last_verified"),
        LatestChecksPanel(heading="Automated checks"),
    ]

    graphql_fields = [
        GraphQLString("name", required=True),
        GraphQLString("acronym", required=True),
        GraphQLString("description", required=True),
        GraphQLCollection(
            GraphQLSnippet,
            "services",
            "snippets.Service",
            required=True,
            source="localised_services",
        ),
        GraphQLString(
            "phone",
            required=True,
            source="phone_number",
            description="E.164, e.g. +12122136376, or a national short code dialled as written "
            "in the organisation's country only, e.g. 988; may be ''. Without the extension: "
            "see `phoneExtension`, and `phoneUri` to dial both.",
        ),
        GraphQLString(
            "phone_extension",
            required=True,
            description="The extension to dial after `phone`, e.g. 12; usually ''.",
        ),
        GraphQLString(
            "phone_uri",
            required=True,
            description="A tel: URI for links (RFC 3966), e.g. tel:+12156345272;ext=12 or "
            "tel:988; '' without a phone.",
        ),
        GraphQLString(
            "phone_display",
            required=True,
            description="For display, e.g. (212) 213-6376 or (215) 634-5272 ext. 12.",
        ),
        GraphQLString("email", required=True),
        GraphQLString("website", required=True),
        GraphQLString("contact_note", required=True),
        GraphQLString("address", required=True),
        GraphQLString("city", required=True),
        GraphQLString("region", required=True, description="Postal subdivision code, e.g. PA."),
        GraphQLString("country", required=True, description="ISO 3166-1 alpha-2 code."),
        GraphQLField("coverage", CoverageEnum, required=True),
        GraphQLString("coverage_note", required=True),
        GraphQLField(
            "last_verified",
            graphene.Date,
            required=True,
            description="The date an editor typed in the organisation's form (kept for "
            "existing clients). `lastVerifiedAt` is the recorded verification.",
        ),
        GraphQLField(
            "last_verified_at",
            graphene.DateTime,
            source="latest_verified_at",
            description="When an editor last verified the contact details (phone call, email, "
            "website or visit); null when never. Shared by every language.",
        ),
        GraphQLField(
            "verification_method",
            VerificationMethodEnum,
            source="latest_verification_method",
            description="How the latest verification was made; null when never verified.",
        ),
        GraphQLField(
            "is_stale",
            graphene.Boolean,
            required=True,
            description="True when never verified or last verified longer ago than the "
            "re-verification interval (180 days by default): show a notice to check the details.",
        ),
        GraphQLField(
            "has_open_reports",
            graphene.Boolean,
            required=True,
            description="True while readers' problem reports (reportDirectoryProblem) wait for "
            "an editor: frontends can say the details are being checked.",
        ),
        *LocalisedSnippet.locale_graphql_fields(),
    ]
    # Contact details and locations are facts, the same in every language; wagtail-localize
    # copies them from the source instead of offering them for translation.
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        TranslatableField("contact_note"),
        TranslatableField("coverage_note"),
        SynchronizedField("acronym"),
        SynchronizedField("services"),
        SynchronizedField("phone"),
        SynchronizedField("email"),
        SynchronizedField("website"),
        SynchronizedField("address"),
        SynchronizedField("city"),
        SynchronizedField("region"),
        SynchronizedField("country"),
        SynchronizedField("coverage"),
        SynchronizedField("last_verified"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("acronym"),
        index.SearchField("description"),
        index.SearchField("city"),
        index.SearchField("coverage_note"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
        index.FilterField("live"),
        index.FilterField("region"),
        index.FilterField("coverage"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        indexes = [
            # The directory's order (name, then id) and its filters (docs/performance.md).
            models.Index(fields=["name", "id"], name="organisation_directory_order"),
            models.Index(fields=["region"], name="organisation_region"),
            models.Index(fields=["coverage"], name="organisation_coverage"),
        ]

    def __str__(self):
        if not self.name:
            return untitled("organisation", self)
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    # Verification and reports: annotated by ``Organisation.objects.with_verification()``
    # (lists); read with a query when an organisation was loaded without it (a preview).

    def _latest_verification(self) -> tuple[datetime.datetime | None, str | None]:
        if "annotated_verified_at" in self.__dict__:
            return self.annotated_verified_at, self.annotated_verification_method
        latest = (
            OrganisationVerification.objects.filter(translation_key=self.translation_key)
            .order_by("-verified_at", "-pk")
            .values_list("verified_at", "method")
            .first()
        )
        self.annotated_verified_at, self.annotated_verification_method = latest or (None, None)
        return self.annotated_verified_at, self.annotated_verification_method

    @property
    def latest_verified_at(self) -> datetime.datetime | None:
        return self._latest_verification()[0]

    @property
    def latest_verification_method(self) -> str | None:
        return self._latest_verification()[1]

    @property
    def is_stale(self) -> bool:
        verified_at = self.latest_verified_at
        return verified_at is None or verified_at < stale_before()

    @property
    def verification_method_label(self) -> str:
        method = self.latest_verification_method
        return VerificationMethod(method).label if method else ""

    @property
    def reverify_due(self) -> datetime.date | None:
        """The day its latest verification stops counting; None when never verified."""
        verified_at = self.latest_verified_at
        if verified_at is None:
            return None
        due = verified_at + datetime.timedelta(days=reverify_days())
        return timezone.localdate(due)

    @property
    def verification_status(self) -> str:
        """“Never verified”, “Stale”, “Due soon” (within ``SOON_DAYS``) or “Verified”."""
        verified_at = self.latest_verified_at
        if verified_at is None:
            return "Never verified"
        if verified_at < stale_before():
            return "Stale"
        if verified_at < stale_before() + datetime.timedelta(days=SOON_DAYS):
            return "Due soon"
        return "Verified"

    @property
    def has_open_reports(self) -> bool:
        if "annotated_open_reports" not in self.__dict__:
            self.annotated_open_reports = DirectoryProblemReport.objects.filter(
                organisation__translation_key=self.translation_key,
                status=ProblemReportStatus.OPEN,
            ).exists()
        return self.annotated_open_reports

    def record_verification(self, *, user, method: str, note: str = "", verified_at=None):
        """Record that ``user`` checked this organisation's details (for every language):
        a verification, not a content revision; nothing else about the organisation changes."""
        return OrganisationVerification.objects.create(
            translation_key=self.translation_key,
            verified_at=verified_at or timezone.now(),
            verified_by=user,
            method=method,
            note=note,
        )

    def localised_services(self, info, **kwargs) -> list:
        """The organisation's services in the language it is served for (falling back along
        the same chain), by name. Uses the prefetched ``services`` and one lookup per request
        for all translations of the services."""
        services = list(self.services.all())
        chain = getattr(self, "served_locale_chain", None)
        if chain is None or all(service.locale_id == chain.primary_id for service in services):
            return sorted(services, key=lambda service: service.name)
        translations = service_translations(info.context, chain)
        localised = [translations.get(service.translation_key, service) for service in services]
        return sorted(localised, key=lambda service: service.name)

    def get_preview_template(self, request, mode_name):
        return "snippets/organisation_preview.html"

    @property
    def phone_extension(self) -> str:
        return self._phone.extension if self._phone else ""

    @property
    def phone_display(self) -> str:
        return display_phone(self.phone, self.country)

    def clean(self):
        super().clean()
        errors = self.clean_location()
        try:
            self.phone = normalise_phone(self.phone, self.country or "US")
        except ValidationError as exc:
            errors["phone"] = exc
        if errors:
            raise ValidationError(errors)

    def has_contact(self) -> bool:
        """Whether readers have at least one way to reach it (required to publish, not to
        save a draft: OrganisationForm)."""
        return bool(self.phone or self.email or self.website or self.contact_note)


LANGUAGE_CODE_RE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")


def parse_languages(raw: str) -> list[str]:
    """Language codes written by an editor ("en, es", "EN es-MX") as a clean list, in order,
    without duplicates; a ValidationError names the codes that are not language codes."""
    codes: list[str] = []
    invalid = []
    for part in re.split(r"[\s,;]+", raw or ""):
        code = part.strip().lower().replace("_", "-")
        if not code:
            continue
        if not LANGUAGE_CODE_RE.match(code) or code.split("-")[0] not in LANG_INFO:
            invalid.append(part.strip())
        elif code not in codes:
            codes.append(code)
    if invalid:
        raise ValidationError(
            "Not language codes: %(codes)s. Use codes such as en, es, zh-hans, separated by "
            "commas.",
            code="invalid_languages",
            params={"codes": ", ".join(invalid)},
        )
    return codes


class CrisisLineQuerySet(models.QuerySet):
    def in_footer_order(self) -> "CrisisLineQuerySet":
        return self.order_by("footer_order", "name", "pk")


class CrisisLine(
    PublicationStatus,
    PhoneAndPlace,
    LocalisedSnippet,
    TranslatableMixin,
    DraftStateMixin,
    RevisionMixin,
    index.Indexed,
    models.Model,
):
    """A crisis line: a number a reader can call or text now (988, SAMHSA's National Helpline).

    Safety-critical content: phone and SMS numbers are validated and stored in E.164 (or as a
    national short code), shared by every language (synchronised by wagtail-localize), and
    reviewed as drafts before readers see a change. A translation that has not caught up with
    a change to its source is never served: the API serves the source instead, flagged with
    its language (pages/safety.py).
    """

    name = models.CharField(max_length=150, help_text="e.g. 988 Suicide & Crisis Lifeline")
    description = models.CharField(
        max_length=300,
        blank=True,
        help_text="Who it is for and what happens when you reach out, in one line.",
    )
    phone = models.CharField(
        max_length=32,
        blank=True,
        help_text="The number to call, e.g. 1-800-662-4357, or a short code such as 988; "
        "checked, and stored with its country code.",
    )
    phone_display = models.CharField(
        max_length=40,
        blank=True,
        help_text="How the number is usually written, if not the standard form, e.g. "
        "1-800-662-HELP. Left empty, the number is shown in its national form.",
    )
    sms = models.CharField(
        "SMS number",
        max_length=32,
        blank=True,
        help_text="The number to text, e.g. 988 or 741741, if the line answers text messages.",
    )
    sms_keyword = models.CharField(
        "SMS keyword",
        max_length=30,
        blank=True,
        help_text="A word to send, if the line asks for one, e.g. HOME (in Spanish: AYUDA).",
    )
    hours = models.CharField(
        max_length=150,
        help_text="When it answers, as readers should read it, e.g. “24 hours a day, 7 days "
        "a week”.",
    )
    website = models.URLField(blank=True)
    region = models.CharField(
        max_length=3,
        blank=True,
        help_text="Postal subdivision code for a line that serves one state, e.g. PA; empty "
        "for a national line.",
    )
    country = models.CharField(
        max_length=2, default="US", help_text="ISO 3166 country code, e.g. US."
    )
    coverage = models.CharField(max_length=10, choices=Coverage.choices, default=Coverage.NATIONAL)
    languages = models.CharField(
        "Languages spoken",
        max_length=200,
        blank=True,
        help_text="Language codes, separated by commas, e.g. en, es.",
    )
    show_in_footer = models.BooleanField(
        default=True, help_text="List it in every page's footer (the `crisisLines` query)."
    )
    footer_order = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers come first in the footer."
    )

    objects = CrisisLineQuerySet.as_manager()
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="crisis_line")

    base_form_class = CrisisLineForm  # a number is required to publish, not to save a draft

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("description"), FieldPanel("hours")],
            heading="Crisis line",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("phone"), FieldPanel("phone_display")]),
                FieldRowPanel([FieldPanel("sms"), FieldPanel("sms_keyword")]),
                FieldPanel("website"),
            ],
            heading="Contact",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("region"), FieldPanel("country")]),
                FieldPanel("coverage"),
                FieldPanel("languages"),
            ],
            heading="Who it serves",
        ),
        FieldRowPanel([FieldPanel("show_in_footer"), FieldPanel("footer_order")]),
    ]

    graphql_fields = [
        GraphQLString("name", required=True),
        GraphQLString("description", required=True),
        GraphQLString(
            "phone",
            required=True,
            source="phone_number",
            description="E.164, e.g. +18006624357, or a national short code dialled as "
            "written in the line's country only, e.g. 988; '' when it takes no calls.",
        ),
        GraphQLString(
            "phone_uri", required=True, description="A tel: URI, e.g. tel:988; '' without one."
        ),
        GraphQLString(
            "phone_display",
            required=True,
            source="phone_for_display",
            description="For display, e.g. 1-800-662-HELP (4357) or 988.",
        ),
        GraphQLString(
            "sms",
            required=True,
            source="sms_number",
            description="E.164 or a short code to text, e.g. 741741; '' when it takes no texts.",
        ),
        GraphQLString(
            "sms_uri",
            required=True,
            description="An sms: URI (RFC 5724) with the keyword as its body, e.g. "
            "sms:741741?body=HOME; '' without one.",
        ),
        GraphQLString("sms_display", required=True, description="For display, e.g. 741741."),
        GraphQLString("sms_keyword", required=True, description="e.g. HOME; usually ''."),
        GraphQLString("hours", required=True, description="e.g. “24 hours a day, 7 days a week”."),
        GraphQLString("website", required=True),
        GraphQLString(
            "region", required=True, description="Postal subdivision code; '' when national."
        ),
        GraphQLString("country", required=True, description="ISO 3166-1 alpha-2 code."),
        GraphQLField("coverage", CoverageEnum, required=True),
        GraphQLField(
            "languages",
            graphene.List(graphene.NonNull(graphene.String)),
            required=True,
            source="language_codes",
            description='Languages spoken on the line, as codes, e.g. ["en", "es"].',
        ),
        *LocalisedSnippet.locale_graphql_fields(),
    ]
    # Numbers, places and languages are facts, the same in every language; words are
    # translated (the SMS keyword too: lines often take another word in another language).
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        TranslatableField("hours"),
        TranslatableField("sms_keyword"),
        SynchronizedField("phone"),
        SynchronizedField("phone_display"),
        SynchronizedField("sms"),
        SynchronizedField("website"),
        SynchronizedField("region"),
        SynchronizedField("country"),
        SynchronizedField("coverage"),
        SynchronizedField("languages"),
        SynchronizedField("show_in_footer"),
        SynchronizedField("footer_order"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("description"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
        index.FilterField("live"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["footer_order", "name"]
        verbose_name = "crisis line"

    def __str__(self):
        return self.name or untitled("crisis line", self)

    @property
    def _sms(self) -> Phone | None:
        return Phone.stored(self.sms, self.country)

    @property
    def phone_for_display(self) -> str:
        return self.phone_display or display_phone(self.phone, self.country)

    @property
    def sms_number(self) -> str:
        return self._sms.value if self._sms else ""

    @property
    def sms_display(self) -> str:
        return display_phone(self.sms, self.country)

    @property
    def sms_uri(self) -> str:
        if not self._sms:
            return ""
        uri = f"sms:{self._sms.value}"
        return f"{uri}?body={quote(self.sms_keyword)}" if self.sms_keyword else uri

    def language_codes(self, *args, **kwargs) -> list[str]:
        try:
            return parse_languages(self.languages)
        except ValidationError:
            return []

    def clean(self):
        super().clean()
        errors = self.clean_location()
        self.sms_keyword = (self.sms_keyword or "").strip()
        for name in ("phone", "sms"):
            try:
                setattr(self, name, normalise_phone(getattr(self, name), self.country or "US"))
            except ValidationError as exc:
                errors[name] = exc
            else:
                if EXTENSION_SEPARATOR in getattr(self, name):
                    errors[name] = ValidationError(
                        "Give the number without an extension: a reader in crisis should "
                        "reach someone by dialling one number.",
                        code="extension",
                    )
        if self.sms_keyword and not self.sms:
            errors["sms_keyword"] = ValidationError(
                "A keyword needs a number to text it to (SMS number).", code="invalid_sms"
            )
        try:
            self.languages = ", ".join(parse_languages(self.languages))
        except ValidationError as exc:
            errors["languages"] = exc
        if errors:
            raise ValidationError(errors)


class OrganisationVerification(models.Model):
    """One check of an organisation's contact details by an editor: when, who, how, and a note.

    Verifications belong to the organisation in every language: they point at its
    ``translation_key`` (the group of its translations), not at one row, so a Spanish
    translation is exactly as verified as its English source, and a translation made later
    inherits the history. They are records, not content: recording one creates no revision and
    does not touch the organisation's draft or live version. When the last translation of an
    organisation is deleted, its verifications go with it (see ``forget_deleted``).
    """

    translation_key = models.UUIDField()
    verified_at = models.DateTimeField(default=timezone.now)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    method = models.CharField(max_length=20, choices=VerificationMethod.choices)
    note = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["-verified_at", "-pk"]
        indexes = [
            # The latest verification of an organisation (the API's subquery).
            models.Index(fields=["translation_key", "-verified_at"], name="verification_latest"),
        ]

    def __str__(self):
        return f"{self.get_method_display()} on {self.verified_at:%Y-%m-%d}"

    def organisations(self):
        return Organisation.objects.filter(translation_key=self.translation_key)


class ProblemKind(models.TextChoices):
    WRONG_PHONE = "wrong_phone", "Wrong phone number"
    WRONG_EMAIL = "wrong_email", "Wrong email address"
    CLOSED = "closed", "Closed"
    MOVED = "moved", "Moved"
    OTHER = "other", "Other"


class ProblemReportStatus(models.TextChoices):
    OPEN = "open", "Open"
    FIXED = "fixed", "Fixed"
    DISMISSED = "dismissed", "Dismissed"


class DirectoryProblemReport(models.Model):
    """A reader's report that an organisation's details are wrong (``reportDirectoryProblem``).

    Holds no personal data: no email, no address, no client hash; only the organisation (the
    translation the reader saw), the kind of problem and the reader's optional note. Rate limits
    are kept in the "ratelimit" cache only, and expire there.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="problem_reports"
    )
    kind = models.CharField(max_length=20, choices=ProblemKind.choices)
    note = models.TextField(blank=True, max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=10, choices=ProblemReportStatus.choices, default=ProblemReportStatus.OPEN
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verification = models.ForeignKey(
        OrganisationVerification,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
        help_text="The verification recorded when the report was resolved as fixed.",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "organisation"], name="problem_report_open")]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_status_display()})"


def forget_deleted(sender, instance: Organisation, **kwargs) -> None:
    """Delete an organisation's verifications with its last translation."""
    key = instance.translation_key
    if not Organisation.objects.filter(translation_key=key).exists():
        OrganisationVerification.objects.filter(translation_key=key).delete()
        OrganisationCheck.objects.filter(translation_key=key).delete()


class CheckKind(models.TextChoices):
    WEBSITE = "website", "Website"
    EMAIL = "email", "Email"


class OrganisationCheck(models.Model):
    """The outcome of one automated check of an organisation's website or email domain
    (snippets/checks.py), run by the task queue, never while an editor saves.

    Like verifications, checks belong to every translation (``translation_key``): the website
    and email are synchronised across languages. Only the latest of each kind is shown; older
    ones are deleted past ``DIRECTORY_CHECKS_KEEP`` per organisation and kind.
    """

    translation_key = models.UUIDField()
    kind = models.CharField(max_length=10, choices=CheckKind.choices)
    checked_at = models.DateTimeField(default=timezone.now)
    ok = models.BooleanField()
    summary = models.CharField(max_length=255)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-checked_at", "-pk"]
        indexes = [
            models.Index(fields=["translation_key", "kind", "-checked_at"], name="check_latest"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.summary}"
