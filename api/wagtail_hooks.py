"""Adds our query fields to grapple's schema (this app's hooks run before grapple's, so fields
declared here take precedence over grapple's fields of the same name)."""

from wagtail import hooks


@hooks.register("register_schema_query")
def register_queries(query_mixins):
    from .queries import Query

    query_mixins.append(Query)


@hooks.register("register_schema_mutation")
def register_mutations(mutation_mixins):
    from .community import Mutation

    mutation_mixins.append(Mutation)
