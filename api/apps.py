from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "GraphQL API"

    def ready(self):
        # The API composes the article's GraphQL type: reader participation (comments,
        # reactions) is added here, before grapple builds its types in its own ready(), so that
        # pages never has to know about community or api.
        from pages.models import ArticlePage

        ArticlePage.graphql_interfaces = (
            *getattr(ArticlePage, "graphql_interfaces", ()),
            "api.community.ReaderParticipation",
        )

        from .core import invalidation

        invalidation.connect()
