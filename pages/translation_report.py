"""The "Translations out of date" report in the admin's Reports menu (registered in
``pages.wagtail_hooks``).

Lists every synced translation (an enabled wagtail-localize ``Translation`` whose source and
target objects exist) that is not up to date as :mod:`pages.translation` defines it, the
definition the API's ``translationStatus`` and the translation editor's warning use: its source
changed since it was last synced, some of its strings are untranslated, or it has not been
published since the source or its strings changed. A new translation is listed until it is
translated and published. The "Status" column says which.

Queries do not grow with the number of translations: the translations (with their sources,
locales and progress), then one query per translatable model with translations (all page types
count as one).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import capfirst
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page, RevisionMixin
from wagtail_localize.models import Translation, TranslationSource

from .translation import state_of, with_progress

SUBMIT_TRANSLATION = "wagtail_localize.submit_translation"
INDEX_URL_NAME = "pages_translations_out_of_date"
RESULTS_URL_NAME = "pages_translations_out_of_date_results"


def can_view_report(user) -> bool:
    """Anyone who may submit and sync translations (superusers included)."""
    return user.is_active and (user.is_superuser or user.has_perm(SUBMIT_TRANSLATION))


class OutOfDateTranslationsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_report(request.user)


# --- Data -------------------------------------------------------------------------------------


@dataclass(eq=False)
class OutOfDateTranslation:
    """A row of the report; the attributes named in ``list_export`` are the export's columns."""

    translation_id: int
    title: str  # of the translation (what the Edit link opens)
    source_title: str
    type: str
    source_locale: str
    target_locale: str
    # When the source was last changed; None for models that keep no timestamps.
    source_last_changed: datetime | None
    last_synced: datetime  # TranslationSource.last_updated_at
    status: str  # why it is not up to date
    edit_url: str
    update_url: str

    @property
    def languages(self) -> str:
        return f"{self.source_locale} → {self.target_locale}"


def _lookup_model(source: TranslationSource):
    """The model to fetch the source and its translations with: ``Page`` for every page type
    (one query for all of them), else the source's own model. None if the model is gone."""
    model = source.specific_content_type.model_class()
    if model is not None and issubclass(model, Page):
        return Page
    return model


def _fetch(model, content_type_ids: set[int]):
    """Every object of ``model`` (in any locale) that is, or is a translation of, a source of
    one of these content types (a subquery: no parameter per source)."""
    keys = TranslationSource.objects.filter(specific_content_type_id__in=content_type_ids).values(
        "object_id"
    )
    queryset = model._default_manager.filter(translation_key__in=keys)
    if model is Page:
        return queryset.only(
            "id",
            "title",
            "translation_key",
            "locale_id",
            "live",
            "last_published_at",
            "latest_revision_created_at",
        )
    if issubclass(model, RevisionMixin):
        queryset = queryset.select_related("latest_revision")
    return queryset


def _edit_url(instance) -> str:
    if isinstance(instance, Page):
        return reverse("wagtailadmin_pages:edit", args=[instance.pk])
    return reverse(instance.snippet_viewset.get_url_name("edit"), args=[quote(instance.pk)])


def _title(instance) -> str:
    return instance.title if isinstance(instance, Page) else str(instance)


def out_of_date_translations(next_url: str | None = None) -> list[OutOfDateTranslation]:
    """Every out-of-date translation, by title then target language. ``next_url`` is where the
    Update (sync) view returns to."""
    translations = list(
        with_progress(Translation.objects.filter(enabled=True)).select_related(
            "source__specific_content_type", "source__locale", "target_locale"
        )
    )

    content_type_ids_by_model = defaultdict(set)
    for translation in translations:
        model = _lookup_model(translation.source)
        if model is not None:
            content_type_ids_by_model[model].add(translation.source.specific_content_type_id)
    objects = {}  # (model, translation key, locale id) -> instance
    for model, content_type_ids in content_type_ids_by_model.items():
        for instance in _fetch(model, content_type_ids):
            objects[model, str(instance.translation_key), instance.locale_id] = instance

    update_query = f"?{urlencode({'next': next_url})}" if next_url else ""
    rows = []
    for translation in translations:
        source = translation.source
        model = _lookup_model(source)
        key = str(source.object_id)
        source_object = objects.get((model, key, source.locale_id))
        target = objects.get((model, key, translation.target_locale_id))
        if source_object is None or target is None:
            continue  # the source or the translation has been deleted

        state = state_of(translation, source_object, target)
        if state.up_to_date:
            continue

        rows.append(
            OutOfDateTranslation(
                translation_id=translation.pk,
                title=_title(target),
                source_title=_title(source_object),
                type=capfirst(source.specific_content_type.model_class()._meta.verbose_name),
                source_locale=source.locale.get_display_name(),
                target_locale=translation.target_locale.get_display_name(),
                source_last_changed=state.source_changed_at,
                last_synced=source.last_updated_at,
                status=state.summary,
                edit_url=_edit_url(target),
                update_url=reverse("wagtail_localize:update_translations", args=[source.pk])
                + update_query,
            )
        )
    rows.sort(key=lambda row: (row.title.casefold(), row.target_locale, row.translation_id))
    return rows


# --- View -------------------------------------------------------------------------------------


class ActionsColumn(Column):
    cell_template_name = "pages/reports/translation_actions_cell.html"


class OutOfDateTranslationsReportView(ReportView):
    page_title = "Translations out of date"
    header_icon = "resubmit"
    template_name = "pages/reports/translations_out_of_date.html"
    index_url_name = INDEX_URL_NAME
    index_results_url_name = RESULTS_URL_NAME
    paginate_by = 50
    verbose_name_plural = "out-of-date translations"
    no_results_message = "Every translation is up to date with its source."

    columns = [
        TitleColumn("title", label="Translation", get_url=lambda row: row.edit_url),
        Column("type", label="Type"),
        Column("languages", label="Languages"),
        DateColumn("source_last_changed", label="Source last changed"),
        DateColumn("last_synced", label="Translation last synced"),
        Column("status", label="Status"),
        ActionsColumn("actions", label="Actions", accessor=lambda row: row),
    ]

    list_export = [
        "title",
        "source_title",
        "type",
        "source_locale",
        "target_locale",
        "source_last_changed",
        "last_synced",
        "status",
        "edit_url",
        "update_url",
    ]
    export_headings = {
        "title": "Translation",
        "source_title": "Source",
        "type": "Type",
        "source_locale": "Source language",
        "target_locale": "Target language",
        "source_last_changed": "Source last changed",
        "last_synced": "Translation last synced",
        "status": "Status",
        "edit_url": "Edit translation URL",
        "update_url": "Update (sync) URL",
    }

    def dispatch(self, request, *args, **kwargs):
        if not can_view_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"translations-out-of-date-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self) -> list[OutOfDateTranslation]:
        return out_of_date_translations(next_url=reverse(INDEX_URL_NAME))
