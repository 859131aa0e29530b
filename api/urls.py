from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from grapple.settings import grapple_settings
from grapple.urls import graphiql

from .views import CMSGraphQLView, health, ready

urlpatterns = [
    # CSRF-exempt: why that is safe is explained on CMSGraphQLView.
    path("graphql/", csrf_exempt(CMSGraphQLView.as_view()), name="grapple_graphql"),
    path("healthz/", health, name="health"),
    path("readyz/", ready, name="ready"),
]

if grapple_settings.EXPOSE_GRAPHIQL:
    urlpatterns.append(path("graphiql/", graphiql, name="grapple_graphiql"))
