from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView
from grapple.settings import grapple_settings
from grapple.urls import graphiql

from .views import health

urlpatterns = [
    # Read-only today and answering the same to every visitor, so a CSRF token would protect
    # nothing. Mutations (later) must not rely on cookies for authority.
    path("graphql/", csrf_exempt(GraphQLView.as_view()), name="grapple_graphql"),
    path("healthz/", health, name="health"),
]

if grapple_settings.EXPOSE_GRAPHIQL:
    urlpatterns.append(path("graphiql/", graphiql, name="grapple_graphiql"))
