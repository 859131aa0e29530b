"""Directory query fields: organisations (filtered, paginated), one organisation (or its
preview), services and authors, each in the requested language or its fallback."""

from __future__ import annotations

import graphene
from django.db import models
from django.db.models import Case, Q, QuerySet, Value, When
from graphql import GraphQLError
from grapple.types.structures import PaginationType

from cms.ids import snippet_pk
from community.directory_reports import make_report_form_token
from pages.cache_tags import list_tag
from pages.safety import live_crisis_lines, with_current_facts
from snippets.localisation import best_of, best_translations, mark
from snippets.models import Author, Coverage, CoverageEnum, CrisisLine, Organisation, Service

from .core.state import state_of
from .fields import (
    AFTER_ARG,
    BEFORE_ARG,
    LOCALE_ARG,
    PAGE_ARG,
    PER_PAGE_ARG,
    Keyset,
    PageInfo,
    _type,
    chain_for,
    paginate,
    preview_draft,
)
from .search import matching

# By name: the order of the index on (name, id).
ORGANISATION_ORDER = Keyset("organisations", Organisation, ("name", "pk"))
# With `includeNational`: the region's own organisations, then national ones, each by name.
LOCAL_FIRST_ORDER = Keyset(
    "organisations-local-first",
    Organisation,
    ("farther", "name", "pk"),
    annotations={"farther": models.IntegerField()},
)


def live_organisations() -> QuerySet:
    return Organisation.objects.filter(live=True).prefetch_related("services")


class PaginatedOrganisations(graphene.ObjectType):
    """One page of the organisation directory, by name."""

    items = graphene.List(graphene.NonNull(_type(Organisation)), required=True)
    pagination = graphene.Field(PaginationType, required=True)
    page_info = graphene.Field(PageInfo, required=True)


class DirectoryQueries:
    """The organisation directory, services and authors."""

    organisations = graphene.Field(
        graphene.NonNull(PaginatedOrganisations),
        service=graphene.String(description="Only organisations offering this service (slug)."),
        region=graphene.String(description="Postal subdivision code, e.g. PA."),
        include_national=graphene.Boolean(
            description="With `region`: also the organisations with national coverage, after "
            "the region's own (each group by name), in one list. Default false."
        ),
        coverage=CoverageEnum(),
        search=graphene.String(description="Words to find in name, description or location."),
        locale=LOCALE_ARG,
        page=PAGE_ARG,
        per_page=PER_PAGE_ARG,
        after=AFTER_ARG,
        before=BEFORE_ARG,
        description="The organisation directory: live organisations by name.",
    )
    organisation = graphene.Field(
        _type(Organisation),
        id=graphene.ID(description="The id of any of its translations; required unless `token`."),
        token=graphene.String(description="A preview token: returns the draft being previewed."),
        locale=LOCALE_ARG,
        description="One live organisation in the requested language (or its fallback), or null.",
    )
    directory_report_form_token = graphene.String(
        required=True,
        description="Send back as `formToken` in reportDirectoryProblem. Valid from a few "
        "seconds to a day after it was loaded, for one report about any organisation. Never "
        "cached: ask for it with the form, not with the directory.",
    )
    services = graphene.List(
        graphene.NonNull(_type(Service)),
        required=True,
        locale=LOCALE_ARG,
        description="Every service, by name.",
    )
    crisis_lines = graphene.List(
        graphene.NonNull(_type(CrisisLine)),
        required=True,
        locale=LOCALE_ARG,
        region=graphene.String(
            description="Postal subdivision code, e.g. PA: that region's lines and the "
            "national ones. Default: the national ones only."
        ),
        description="The crisis lines for every page's footer, in footer order: each in the "
        "requested language while its translation is current, else in its source's language "
        "(`isFallback`). Safety-critical: cached for at most 60 seconds.",
    )
    authors = graphene.List(
        graphene.NonNull(_type(Author)),
        required=True,
        locale=LOCALE_ARG,
        description="Every author, by name.",
    )

    def resolve_organisations(
        self,
        info,
        service: str | None = None,
        region: str | None = None,
        coverage: str | None = None,
        search: str | None = None,
        locale: str | None = None,
        page: int | None = None,
        per_page: int | None = None,
        after: str | None = None,
        before: str | None = None,
        include_national: bool | None = False,
    ):
        chain = chain_for(locale)
        # Choose each organisation's best translation first, then filter those, so that a
        # Spanish reader never gets the English version because only it matched a filter.
        organisations = best_of(live_organisations(), chain)
        if service:
            # A semi-join (IN), not a join on services: no DISTINCT, so the name order can
            # come from the index on (name, id).
            keys = Service.objects.filter(slug=service).values("translation_key")
            offering = Organisation.services.through.objects.filter(
                service__translation_key__in=keys
            ).values("organisation_id")
            organisations = organisations.filter(pk__in=offering)
        order = ORGANISATION_ORDER
        if region and include_national:
            region = region.strip().upper()
            national = Q(coverage=Coverage.NATIONAL) & ~Q(region=region)
            organisations = organisations.filter(Q(region=region) | national).annotate(
                farther=Case(When(national, then=Value(1)), default=Value(0))
            )
            order = LOCAL_FIRST_ORDER
        elif region:
            organisations = organisations.filter(region=region.strip().upper())
        if coverage:
            # graphene hands enum arguments to resolvers as enum members
            # (https://github.com/graphql-python/graphene/issues/1277).
            organisations = organisations.filter(coverage=coverage.value)
        if search and search.strip():
            # Wagtail's search backend (its index) finds the matches, as a subquery; the other
            # filters (locale, services: joins) are the ORM's, since the backend filters only
            # on the model's own indexed fields.
            matches = matching(search, Organisation.objects.filter(live=True))
            organisations = organisations.filter(pk__in=matches.values("pk"))
        # Verification and open reports: annotated on the page's rows, not a query per item.
        organisations = organisations.with_verification()
        result = paginate(organisations, page, per_page, keyset=order, after=after, before=before)
        result["items"] = with_current_facts(mark(result["items"], chain))
        return result

    def resolve_organisation(
        self, info, id: str | None = None, locale: str | None = None, token: str | None = None
    ):
        if token is not None:
            return preview_draft(info, Organisation, token)
        if id is None:
            raise GraphQLError("Give the organisation's `id` (or a preview `token`).")
        chain = chain_for(locale)
        try:
            key = Organisation.objects.filter(pk=int(snippet_pk(id))).values("translation_key")
        except ValueError:
            return None
        candidates = (
            live_organisations()
            .filter(translation_key__in=key, locale_id__in=chain.ids)
            .with_verification()
        )
        found = with_current_facts(best_translations(candidates, chain))
        if not found:
            # Not published yet (in any language of the chain): a publish could change that.
            state_of(info.context).depends_on(list_tag("organisation", chain.codes[0]))
        return found[0] if found else None

    def resolve_directory_report_form_token(self, info):
        return make_report_form_token()

    def resolve_services(self, info, locale: str | None = None):
        chain = chain_for(locale)
        services = best_translations(Service.objects.filter(locale_id__in=chain.ids), chain)
        return sorted(services, key=lambda service: service.name)

    def resolve_crisis_lines(self, info, locale: str | None = None, region: str | None = None):
        chain = chain_for(locale)
        region = (region or "").strip().upper()
        # Filtered once each line's current version is known: an outdated translation's
        # region is not the one to go by.
        return [
            line
            for line in live_crisis_lines(chain, show_in_footer=True)
            if line.coverage == Coverage.NATIONAL or (region and line.region == region)
        ]

    def resolve_authors(self, info, locale: str | None = None):
        chain = chain_for(locale)
        authors = Author.objects.filter(locale_id__in=chain.ids).select_related("image")
        return sorted(best_translations(authors, chain), key=lambda author: author.name)
