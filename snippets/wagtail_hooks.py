"""The directory in the admin: organisations, services and authors as snippet viewsets.

Listing search uses each model's own ``search_fields`` (Wagtail's search index); restricting it
per viewset breaks the database search backend on SQLite.

Every listing shows one language at a time: the default language unless ``?locale=<code>``
chooses another, or ``?locale=all`` every language, with a Language column then. Its search and
its CSV/XLSX export follow the same filter; the export always has a Language column, and the
organisations' listing and export a Status (live / draft) column.
"""

from functools import cached_property

import django_filters
from django import forms
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import LocaleColumn, StatusTagColumn, TitleColumn
from wagtail.admin.widgets.button import Button
from wagtail.coreutils import get_content_languages
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import (
    EditView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)
from wagtail_localize.wagtail_hooks import (
    register_snippet_listing_buttons as translation_buttons,
)

from .admin_views import (
    CheckNowView,
    DirectoryVerificationReportView,
    MarkVerifiedView,
    ProblemReportQueueView,
    ProblemReportsMenuItem,
    ResolveProblemReportsView,
    VerificationReportMenuItem,
    can_verify,
    verify_url,
)
from .models import Author, Coverage, CrisisLine, Organisation, Service

ALL_LANGUAGES = "all"


def default_language() -> str:
    return Locale.get_default().language_code


def language_choices() -> list[tuple[str, str]]:
    """The content languages that have a locale, then "All languages"."""
    codes = set(Locale.objects.values_list("language_code", flat=True))
    languages = [(code, name) for code, name in get_content_languages().items() if code in codes]
    return [*languages, (ALL_LANGUAGES, "All languages")]


def selected_language(request) -> str:
    """The language code a listing shows (the default one unless ``?locale=`` says otherwise),
    or ``ALL_LANGUAGES``."""
    return (request.GET.get("locale") if request else None) or default_language()


class LanguageFilter(django_filters.ChoiceFilter):
    """One language (by code) or all of them; the default language when none is chosen."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Language")
        super().__init__(
            choices=language_choices, empty_label=None, widget=forms.RadioSelect, **kwargs
        )

    def filter(self, queryset, value):
        if value == ALL_LANGUAGES:
            return queryset
        # By id: the search backend can filter on ``locale`` (a FilterField), not on its code.
        locale = Locale.objects.filter(language_code=value or default_language()).first()
        return queryset.none() if locale is None else queryset.filter(locale_id=locale.pk)


class DirectoryFilterSet(WagtailFilterSet):
    """Wagtail's filters with :class:`LanguageFilter` in place of its locale filter (which
    shows every language by default)."""

    locale = LanguageFilter()

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("locale"):
            data = data.copy()
            data["locale"] = default_language()
        super().__init__(data, *args, **kwargs)
        self.filters["locale"].extra["initial"] = default_language()


class ReadableTitleColumn(TitleColumn):
    """The title column, reading the object's readable fallback title (``__str__``) when its
    name is empty: a draft saved before its name was written is “Untitled organisation #20
    (draft, en)”, not a blank row."""

    def get_value(self, instance):
        return super().get_value(instance) or str(instance)


class DirectoryIndexView(IndexView):
    """A listing of one language at a time (see the module docstring)."""

    def _get_title_column(self, *args, **kwargs):
        return super()._get_title_column(*args, column_class=ReadableTitleColumn, **kwargs)

    def get_locale(self):
        if self.request.GET.get("locale") == ALL_LANGUAGES:
            return None  # every language: no language for "Add", no language switcher
        return super().get_locale()

    @property
    def showing_all_languages(self) -> bool:
        return self.request.GET.get("locale") == ALL_LANGUAGES

    @property
    def columns(self):
        columns = list(super().columns)
        if self.showing_all_languages:
            titles = [i for i, column in enumerate(columns) if isinstance(column, TitleColumn)]
            columns.insert(titles[0] + 1 if titles else 0, LocaleColumn(label="Language"))
        return columns


def services_of_selected_language(request):
    language = selected_language(request)
    services = Service.objects.all()
    if language != ALL_LANGUAGES:
        services = services.filter(locale__language_code=language)
    return services


class OrganisationFilterSet(DirectoryFilterSet):
    services = django_filters.ModelChoiceFilter(
        queryset=services_of_selected_language, label="Service", field_name="services"
    )
    region = django_filters.CharFilter(
        label="Region (code)", lookup_expr="iexact", field_name="region"
    )
    coverage = django_filters.ChoiceFilter(choices=Coverage.choices, label="Coverage")

    class Meta:
        model = Organisation
        fields = ["services", "region", "coverage", "live"]


class ServiceFilterSet(DirectoryFilterSet):
    class Meta:
        model = Service
        fields = []


class AuthorFilterSet(DirectoryFilterSet):
    class Meta:
        model = Author
        fields = []


class CrisisLineFilterSet(DirectoryFilterSet):
    coverage = django_filters.ChoiceFilter(choices=Coverage.choices, label="Coverage")

    class Meta:
        model = CrisisLine
        fields = ["coverage", "live"]


class DirectoryEditView(EditView):
    """The edit view, with wagtail-localize's "Translate" (and "Sync translated snippets") in
    its header's "…" menu, as pages have: wagtail-localize puts them in the listing's only."""

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons += translation_buttons(self.object, self.request.user, next_url=self.request.path)
        return buttons


class OrganisationIndexView(DirectoryIndexView):
    @cached_property
    def listing_url(self) -> str:
        """The listing as filtered, to come back to (not the results fragment that filtering
        loads)."""
        query = self.request.GET.urlencode()
        return f"{self.index_url}?{query}" if query else self.index_url

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if can_verify(self.request.user):
            buttons.append(
                MenuItem(
                    "Mark verified",
                    url=verify_url(instance, self.listing_url),
                    icon_name="check",
                    priority=15,
                )
            )
        return buttons


class OrganisationEditView(DirectoryEditView):
    """Also "Mark verified" in the header's "…" menu (it records a verification, not a
    revision: see snippets.admin_views)."""

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if can_verify(self.request.user):
            buttons.append(
                Button(
                    "Mark verified",
                    url=verify_url(self.object, self.request.path),
                    icon_name="check",
                    priority=5,
                )
            )
        return buttons


class NamedOnly:
    """Choosers list only entries with a name: a draft saved before its name was written
    cannot be told apart from the others, so nobody picks it by mistake (it shows in the
    listing, with its fallback title, to be finished)."""

    def get_object_list(self):
        return super().get_object_list().exclude(name="")


class NamedChooseView(NamedOnly, ChooseView):
    pass


class NamedChooseResultsView(NamedOnly, ChooseResultsView):
    pass


class NamedChooserViewSet(SnippetChooserViewSet):
    choose_view_class = NamedChooseView
    choose_results_view_class = NamedChooseResultsView


class DirectoryViewSet(SnippetViewSet):
    index_view_class = DirectoryIndexView
    edit_view_class = DirectoryEditView
    chooser_viewset_class = NamedChooserViewSet


class OrganisationViewSet(DirectoryViewSet):
    model = Organisation
    index_view_class = OrganisationIndexView
    edit_view_class = OrganisationEditView
    icon = "group"
    menu_label = "Organisations"
    list_display = [
        "name",
        "acronym",
        StatusTagColumn(
            "publication_status", label="Status", primary=lambda org: org.live, sort_key="live"
        ),
        "phone_display",
        "city",
        "region",
        "coverage",
        "last_verified",
    ]
    list_export = [
        "name",
        "locale",
        "publication_status",
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
    export_headings = {"locale": "Language", "publication_status": "Status"}
    export_filename = "organisations"
    filterset_class = OrganisationFilterSet
    ordering = ["name"]


class ServiceViewSet(DirectoryViewSet):
    model = Service
    icon = "tag"
    menu_label = "Services"
    list_display = ["name", "slug"]
    list_export = ["name", "locale", "slug", "description"]
    export_headings = {"locale": "Language"}
    filterset_class = ServiceFilterSet
    ordering = ["name"]


class AuthorViewSet(DirectoryViewSet):
    model = Author
    icon = "user"
    menu_label = "Authors"
    list_display = ["name"]
    list_export = ["name", "locale"]
    export_headings = {"locale": "Language"}
    filterset_class = AuthorFilterSet
    ordering = ["name"]


class CrisisLineViewSet(DirectoryViewSet):
    model = CrisisLine
    icon = "warning"
    menu_label = "Crisis lines"
    list_display = [
        "name",
        StatusTagColumn(
            "publication_status", label="Status", primary=lambda line: line.live, sort_key="live"
        ),
        "phone_for_display",
        "sms_display",
        "hours",
        "region",
        "coverage",
        "show_in_footer",
    ]
    list_export = [
        "name",
        "locale",
        "publication_status",
        "phone",
        "sms",
        "sms_keyword",
        "hours",
        "website",
        "region",
        "country",
        "coverage",
        "languages",
        "show_in_footer",
        "footer_order",
    ]
    export_headings = {
        "locale": "Language",
        "publication_status": "Status",
        "phone_for_display": "Phone",
        "sms_display": "SMS",
    }
    export_filename = "crisis-lines"
    filterset_class = CrisisLineFilterSet
    ordering = ["footer_order", "name"]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (OrganisationViewSet, CrisisLineViewSet, ServiceViewSet, AuthorViewSet)
    menu_icon = "group"
    menu_label = "Directory"
    menu_name = "directory"


register_snippet(DirectoryViewSetGroup)


@hooks.register("insert_global_admin_css")
def listing_css():
    return format_html('<link rel="stylesheet" href="{}">', static("snippets/admin.css"))


# --- Verification ------------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_verification_urls():
    return [
        path(
            "directory/organisations/<int:pk>/verify/",
            MarkVerifiedView.as_view(),
            name="snippets_organisation_verify",
        ),
        path(
            "directory/organisations/<int:pk>/check/",
            CheckNowView.as_view(),
            name="snippets_organisation_check",
        ),
        # Under /admin/reports/ like Wagtail's reports.
        path(
            "reports/directory-verification/",
            DirectoryVerificationReportView.as_view(),
            name="snippets_directory_verification",
        ),
        path(
            "reports/directory-verification/results/",
            DirectoryVerificationReportView.as_view(results_only=True),
            name="snippets_directory_verification_results",
        ),
        path(
            "reports/directory-problems/",
            ProblemReportQueueView.as_view(),
            name="snippets_problem_reports",
        ),
        path(
            "reports/directory-problems/<uuid:key>/resolve/",
            ResolveProblemReportsView.as_view(),
            name="snippets_problem_reports_resolve",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_verification_report_menu_item():
    return VerificationReportMenuItem(
        "Directory verification",
        reverse("snippets_directory_verification"),
        name="directory-verification",
        icon_name="check",
        order=1250,
    )


@hooks.register("register_reports_menu_item")
def register_problem_reports_menu_item():
    return ProblemReportsMenuItem(
        "Directory problem reports",
        reverse("snippets_problem_reports"),
        name="directory-problem-reports",
        icon_name="warning",
        order=1260,
    )
