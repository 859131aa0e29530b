from django.urls import path
from grapple.settings import grapple_settings
from grapple.urls import graphiql

from .core.health import health, ready
from .core.view import graphql_view

urlpatterns = [
    # CSRF-exempt: why that is safe is explained in api/core/view.py.
    path("graphql/", graphql_view, name="grapple_graphql"),
    path("healthz/", health, name="health"),
    path("readyz/", ready, name="ready"),
]

if grapple_settings.EXPOSE_GRAPHIQL:
    # GraphiQL on its own page (development only); it talks to /graphql/ like any client.
    urlpatterns.append(path("graphiql/", graphiql, name="grapple_graphiql"))
