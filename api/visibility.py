"""Which pages a request may see, enforced on every path of the schema.

A page is visible when pages/visibility.py's rule says so for the site the request is for (live,
not expired, not under a view restriction, of that site). Our own query fields filter on that
rule in the database (api/articles.py, api/search.py); this module applies the same rule, page
by page, as the net under every other path: a page's ``parent``/``children``/``siblings``/
``descendants``/``ancestors``, ``aliasOf``, page chooser blocks. Each field of the schema whose
type is a page (or a list of pages) has its resolver wrapped once, when the schema is built, so
a field added later is covered without anyone remembering to.

Pages being previewed with a valid token (cms/preview.py marks them) are exempt: the token
is the editor's permission.

A request with a valid API token (``RequestState.token``, api/core/tokens.py) is the one
exception to the rule, decided here and nowhere else: its :class:`Visibility` is the site's
drafts audience (every page of the site, published or not, view-restricted or not), and the
query fields serve each page as its latest revision (:meth:`Visibility.latest`).

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
from wagtail.models import Page, Revision

from pages.visibility import Audience

from .core.state import state_of

PAGE_INTERFACE = "PageInterface"
# PageInterface fields that describe editorial state, not content; and grapple's generic
# page-tree fields, which no contract operation needs (``route`` finds a page by its URL) and
# which cost a query per page they are asked of (a list of 20 articles' ``children``: 20).
EDITORIAL_INTERFACE_FIELDS = frozenset(
    {
        "locked",
        "parent",
        "children",
        "siblings",
        "nextSiblings",
        "previousSiblings",
        "descendants",
        "ancestors",
    }
)
PREVIEW_MARK = "_cms_preview"


# --- The rule -------------------------------------------------------------------------------


class Visibility:
    """What one request may see: computed once per request (its site's :class:`Audience`),
    then a check per page costs no query. Pages follow pages/visibility.py's rule."""

    def __init__(self, request):
        self.pages = Audience.of_request(request, drafts=state_of(request).reads_drafts)

    @property
    def site_id(self) -> int | None:
        return self.pages.site_id

    @classmethod
    def of(cls, request) -> Visibility:
        state = state_of(request)
        if state.visibility is None:
            state.visibility = cls(request)
        return state.visibility

    def allows(self, page) -> bool:
        if not isinstance(page, Page) or getattr(page, PREVIEW_MARK, False):
            return True
        return self.pages.allows(page)

    def latest(self, pages: list[Page], request) -> list[Page]:
        """``pages`` as the request reads them: as they are, or, for a token's read, each page
        with unpublished changes as its latest revision (the revisions in one query). Such a
        response serves drafts: it is never stored. Wagtail's ``with_content_json`` checks the
        revision's foreign keys and finds the page's parent, a few queries per draft: a token's
        read (rate-limited, never cached) is not held to the fixed SQL of public reads."""
        if not self.pages.drafts:
            return pages
        state_of(request).serves_draft()
        pending = [page for page in pages if page.has_unpublished_changes]
        revisions = Revision.objects.in_bulk(
            [page.latest_revision_id for page in pending if page.latest_revision_id]
        )
        return [_as_revision(page, revisions.get(page.latest_revision_id)) for page in pages]


def _as_revision(page: Page, revision: Revision | None) -> Page:
    if revision is None or not page.has_unpublished_changes:
        return page
    draft = page.with_content_json(revision.content)
    # What the queryset loaded with the page and the revision does not change: its
    # annotations (a comment count) and the related rows it points to still.
    for name, value in vars(page).items():
        if not name.startswith("_") and name not in vars(draft):
            setattr(draft, name, value)
    for name, related in page._state.fields_cache.items():
        field = page._meta.get_field(name)
        if getattr(field, "attname", None) and getattr(draft, field.attname) == getattr(
            page, field.attname
        ):
            draft._state.fields_cache[name] = related
    # A draft may hold blocks still being filled in: served like a preview's (pages/models.py).
    setattr(draft, PREVIEW_MARK, True)
    return draft


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
