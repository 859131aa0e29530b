"""The schema served at /graphql/ and printed into frontend_contract/: our own root fields
(api/articles.py, api/directory.py, api/search.py, api/fields.py, api/community.py) over the
types grapple builds from the models, with the visibility rules of visibility.py, the
argument checks of arguments.py and the id rules of ids.py applied once built.

grapple's ``grapple.schema`` is not used: it adds generic root fields (``pages``, ``page``,
``images``, ``documents``, ``sites``, ``redirects``, ``snippets``...) that no frontend needs
and that each had to be guarded on its own. grapple has no setting to leave them out
(no upstream issue found), so the schema is built here the way ``grapple.schema.create_schema``
builds it, minus its ``register_schema_query`` mixins.
"""

import graphene
from grapple.registry import registry

from .arguments import guard_arguments
from .articles import ArticleQueries
from .community import Mutation
from .directory import DirectoryQueries
from .fields import LocaleQueries
from .ids import scope_ids
from .search import SearchQueries
from .sitemap import SitemapQueries
from .tagging import tag_fields
from .visibility import harden


class Query(
    ArticleQueries,
    DirectoryQueries,
    SearchQueries,
    LocaleQueries,
    SitemapQueries,
    graphene.ObjectType,
):
    """Everything a frontend reads: articles, the organisation directory, search, the content
    languages, any page by its URL, and the sitemap."""


# Every type grapple built, as create_schema passes them: the page, snippet and block types
# implement interfaces (PageInterface, SnippetInterface, StreamFieldInterface) that our fields
# return, and are only reachable through them.
schema = harden(
    graphene.Schema(query=Query, mutation=Mutation, types=list(registry.models.values()))
)
guard_arguments(schema.graphql_schema)
# After harden(): only what the visibility net lets through is recorded.
tag_fields(schema.graphql_schema)
scope_ids(schema.graphql_schema)
