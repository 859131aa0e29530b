"""Which pages a request may see, enforced on every path of the schema.

A page is visible when it is live, not expired, not under a view restriction (a private page
or a descendant of one), and belongs to the site the request is for. Our own query fields
filter this way in the database (api/queries.py); this module is the net under every other
path: a page's ``parent``/``children``/``siblings``/``descendants``/``ancestors``,
``aliasOf``, page chooser blocks. Each field of the schema whose type is a page (or a list of
pages) has its resolver wrapped once, when the schema is built, so a field added later is
covered without anyone remembering to.

Pages being previewed with a valid token (cms/preview.py marks them) are exempt: the token
is the editor's permission.

No field serves documents (whose collections may be private): grapple's generic
``DocumentChooserBlock`` type is in the schema, but no stream block of ours is one
(tests/security/test_no_leaks.py fails the day one is).

It also removes from the page types the Page model fields that grapple exposes as they come
(``draftTitle`` is an unpublished title, ``latestRevisionCreatedAt``, ``hasUnpublishedChanges``,
``lockedAt``, ``aliases`` and ``sitesRootedHere`` describe editorial work): a page type has the
interface's fields, its model's ``graphql_fields`` and its other interfaces' fields, nothing else.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from django.core.cache import cache
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from graphene.utils.str_converters import to_camel_case
from graphql import (
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    default_field_resolver,
    get_named_type,
)
from grapple.registry import registry
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import post_page_move

RESTRICTED_PATHS_KEY = "api:restricted-page-paths"
SITES_KEY = "api:sites"
PAGE_INTERFACE = "PageInterface"
# PageInterface fields that describe editorial state, not content.
EDITORIAL_INTERFACE_FIELDS = frozenset({"locked"})
PREVIEW_MARK = "_cms_preview"


# --- The rule -------------------------------------------------------------------------------


def _cached_until_changed(key: str, compute, *, models=(), signals=()):
    """A function returning ``compute()``, kept in the cache under ``key`` until one of
    ``models`` is saved or deleted, or one of ``signals`` is sent."""

    def forget(**_kwargs) -> None:
        cache.delete(key)

    for model in models:
        post_save.connect(forget, sender=model, weak=False, dispatch_uid=f"{key}.save")
        post_delete.connect(forget, sender=model, weak=False, dispatch_uid=f"{key}.delete")
    for signal in signals:
        signal.connect(forget, weak=False, dispatch_uid=key)

    def get():
        value = cache.get(key)
        if value is None:
            value = compute()
            cache.set(key, value, None)
        return value

    return get


def _restricted_page_paths() -> tuple[str, ...]:
    return tuple(PageViewRestriction.objects.values_list("page__path", flat=True))


#: Tree paths of the pages with a view restriction (their descendants are private too).
restricted_paths = _cached_until_changed(
    RESTRICTED_PATHS_KEY,
    _restricted_page_paths,
    models=[PageViewRestriction],
    signals=[post_page_move],
)
#: (id, hostname, port, is default) of every site.
_sites = _cached_until_changed(
    SITES_KEY,
    lambda: list(Site.objects.values_list("pk", "hostname", "port", "is_default_site")),
    models=[Site],
)


def site_id_for(request) -> int | None:
    """The id of the site ``request`` is for, chosen exactly as ``Site.find_for_request``
    chooses (hostname and port, then hostname on the default site, then the default site, then
    a unique hostname), from the cached site list instead of a query per request."""
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    ranked = []
    for pk, host, site_port, default in _sites():
        if host == hostname and str(site_port) == str(port):
            ranked.append((0, pk))
        elif host == hostname and default:
            ranked.append((1, pk))
        elif default:
            ranked.append((2, pk))
        elif host == hostname:
            ranked.append((3, pk))
    ranked.sort()
    if not ranked:
        return None
    if len(ranked) == 1 or ranked[0][0] in (0, 1):
        return ranked[0][1]
    if ranked[0][0] == 2:
        return ranked[len(ranked) == 2][1]
    return None


class Visibility:
    """What one request may see: computed once per request (site, its root paths, the
    restricted paths), then a check per page costs no query."""

    def __init__(self, request):
        self.site_id = site_id_for(request)
        # Most specific first, as Wagtail orders them: a page belongs to the first site whose
        # root (or a translation of the root) is a prefix of its url_path.
        self.roots = [(root.root_path, root.site_id) for root in Site.get_site_root_paths()]
        self.restricted = restricted_paths()

    @classmethod
    def of(cls, request) -> Visibility:
        visibility = getattr(request, "_cms_visibility", None)
        if visibility is None:
            visibility = request._cms_visibility = cls(request)
        return visibility

    def site_of(self, page: Page) -> int | None:
        url_path = page.url_path or ""
        return next((site for root, site in self.roots if url_path.startswith(root)), None)

    def allows(self, page) -> bool:
        if not isinstance(page, Page) or getattr(page, PREVIEW_MARK, False):
            return True
        return (
            page.live
            and not page.expired
            and self.site_id is not None
            and self.site_of(page) == self.site_id
            and not any(page.path.startswith(path) for path in self.restricted)
        )


def visible_pages(queryset, request):
    """``queryset`` narrowed in the database to what ``request`` may see."""
    visibility = Visibility.of(request)
    site_roots = [root for root, site in visibility.roots if site == visibility.site_id]
    queryset = queryset.live()
    if not site_roots:
        return queryset.none()
    # What PageQuerySet.public() does, from the cached restricted paths (public() queries them).
    for path in visibility.restricted:
        queryset = queryset.exclude(path__startswith=path)
    in_site = Q()
    for root in site_roots:
        in_site |= Q(url_path__startswith=root)
    queryset = queryset.filter(in_site)
    # Nested sites: a page under a more specific root of another site belongs to that site.
    for root, site in visibility.roots:
        if site != visibility.site_id and any(root.startswith(own) for own in site_roots):
            queryset = queryset.exclude(url_path__startswith=root)
    return queryset


# --- The schema -----------------------------------------------------------------------------


def _only_visible(resolve):
    @functools.wraps(resolve)
    def resolve_visible(root, info, **kwargs):
        result = resolve(root, info, **kwargs)
        if result is None:
            return None
        visibility = Visibility.of(info.context)
        if isinstance(result, Iterable) and not isinstance(result, str | bytes | dict):
            return [item for item in result if visibility.allows(item)]
        return result if visibility.allows(result) else None

    resolve_visible.cms_visibility = True
    return resolve_visible


def _page_types(schema: GraphQLSchema) -> tuple[GraphQLInterfaceType, list[GraphQLObjectType]]:
    interface = schema.type_map[PAGE_INTERFACE]
    return interface, [
        type_
        for type_ in schema.type_map.values()
        if isinstance(type_, GraphQLObjectType) and interface in type_.interfaces
    ]


def _declared_fields() -> dict[str, set[str]]:
    """GraphQL type name → the field names its page model declares in graphql_fields."""
    declared = {}
    for model, graphene_type in registry.pages.items():
        names = set()
        for field in getattr(model, "graphql_fields", ()):
            field = field() if callable(field) else field
            names.add(to_camel_case(field.field_name))
        declared[graphene_type._meta.name] = names
    return declared


def prune_page_fields(schema: GraphQLSchema) -> None:
    interface, page_types = _page_types(schema)
    for name in EDITORIAL_INTERFACE_FIELDS:
        interface.fields.pop(name, None)
    declared = _declared_fields()
    for type_ in page_types:
        allowed = set(declared.get(type_.name, ()))
        for implemented in type_.interfaces:
            allowed |= implemented.fields.keys()
        for name in [name for name in type_.fields if name not in allowed]:
            del type_.fields[name]


def guard_page_fields(schema: GraphQLSchema) -> None:
    interface, page_types = _page_types(schema)
    returns_pages = {interface, *page_types}
    returns_pages |= {
        type_
        for type_ in schema.type_map.values()
        if isinstance(type_, GraphQLUnionType) and returns_pages & set(type_.types)
    }
    for type_ in schema.type_map.values():
        if not isinstance(type_, GraphQLObjectType) or type_.name.startswith("__"):
            continue
        for field in type_.fields.values():
            if get_named_type(field.type) in returns_pages and not getattr(
                field.resolve, "cms_visibility", False
            ):
                field.resolve = _only_visible(field.resolve or default_field_resolver)


def harden(schema):
    """Apply the rules above to a built graphene schema (once; idempotent)."""
    prune_page_fields(schema.graphql_schema)
    guard_page_fields(schema.graphql_schema)
    return schema
