from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from grapple.settings import grapple_settings
from grapple.urls import graphiql

from .views import CMSGraphQLView, health

urlpatterns = [
    # The API takes no cookies-based authority for writes (mutations are public and validated,
    # rate-limited per client), so CSRF tokens would protect nothing; see api/views.py.
    path("graphql/", csrf_exempt(CMSGraphQLView.as_view()), name="grapple_graphql"),
    path("healthz/", health, name="health"),
]

if grapple_settings.EXPOSE_GRAPHIQL:
    urlpatterns.append(path("graphiql/", graphiql, name="grapple_graphiql"))
