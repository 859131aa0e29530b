"""The directory in the admin: organisations, services and authors as snippet viewsets.

Listing search uses each model's own ``search_fields`` (Wagtail's search index); restricting it
per viewset breaks the database search backend on SQLite.
"""

import django_filters
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Author, Coverage, Organisation, Service


class OrganisationFilterSet(WagtailFilterSet):
    services = django_filters.ModelChoiceFilter(
        queryset=Service.objects.all(), label="Service", field_name="services"
    )
    region = django_filters.CharFilter(
        label="Region (code)", lookup_expr="iexact", field_name="region"
    )
    coverage = django_filters.ChoiceFilter(choices=Coverage.choices, label="Coverage")

    class Meta:
        model = Organisation
        fields = ["services", "region", "coverage", "live", "locale"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = "Organisations"
    list_display = [
        "name",
        "acronym",
        "phone_display",
        "city",
        "region",
        "coverage",
        "last_verified",
    ]
    list_export = [
        "name",
        "acronym",
        "phone",
        "email",
        "website",
        "contact_note",
        "address",
        "city",
        "region",
        "country",
        "coverage",
        "coverage_note",
        "last_verified",
    ]
    export_filename = "organisations"
    filterset_class = OrganisationFilterSet
    ordering = ["name"]


class ServiceViewSet(SnippetViewSet):
    model = Service
    icon = "tag"
    menu_label = "Services"
    list_display = ["name", "slug"]
    list_filter = ["locale"]
    ordering = ["name"]


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = "Authors"
    list_display = ["name"]
    list_filter = ["locale"]
    ordering = ["name"]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (OrganisationViewSet, ServiceViewSet, AuthorViewSet)
    menu_icon = "group"
    menu_label = "Directory"
    menu_name = "directory"


register_snippet(DirectoryViewSetGroup)
