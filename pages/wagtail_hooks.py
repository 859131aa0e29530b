"""Translators in the admin, the "Translations out of date" report, rich-text page links, the
dates on Wagtail's own page serving, and warnings about directory entries readers will not see.

Members of the "Translators" group (created by ``pages/migrations/0002_translators_group.py``)
hold page change/publish permissions on the whole tree, because Wagtail's page permissions cannot
be limited to a locale. The hooks below take back what that grants over the default (source)
language: a user whose only group is Translators cannot open the editor of, publish, unpublish or
bulk-change a page or snippet in the default locale. Pages and snippets in other locales, and
wagtail-localize's translation editor (which replaces their edit view), are unaffected.
See docs/translators.md for what remains possible.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.models import Locale, TranslatableMixin

from .directory import unpublished_choice_warnings
from .models import ArticlePage
from .translation import state_for
from .translation_report import (
    INDEX_URL_NAME,
    RESULTS_URL_NAME,
    OutOfDateTranslationsMenuItem,
    OutOfDateTranslationsReportView,
)
from .visibility import is_current

TRANSLATORS_GROUP = "Translators"

# Run before other hooks (wagtail-localize's before_edit_page / before_edit_snippet hooks answer
# with the translation editor or its "Translate this page" alias view).
FIRST = -100


def is_translator_only(user) -> bool:
    """True for a user whose only group is Translators (never for superusers). Cached on the
    user object for the request."""
    if not user.is_authenticated or user.is_superuser:
        return False
    cached = getattr(user, "_pages_translator_only", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True)) == {TRANSLATORS_GROUP}
        user._pages_translator_only = cached
    return cached


def is_source_language(instance) -> bool:
    """Whether ``instance`` (page or snippet) is in the default locale."""
    if not isinstance(instance, TranslatableMixin):
        return False
    return instance.locale_id == Locale.get_default().pk


def translator_denied(request, instance):
    """Wagtail's permission-denied answer (message and redirect to the dashboard; 403 for
    XHR), saying why."""
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        raise PermissionDenied
    messages.error(
        request,
        f"“{instance}” is in the source language ({Locale.get_default().get_display_name()}). "
        "Translators can translate it, not change it: open its translation, or ask an editor.",
    )
    return redirect("wagtailadmin_home")


def _deny_source_language(request, instance):
    if is_translator_only(request.user) and is_source_language(instance):
        return translator_denied(request, instance)
    return None


# Edit view (also used to save, publish, submit for moderation and revert to a revision).
hooks.register("before_edit_page", _deny_source_language, order=FIRST)
hooks.register("before_unpublish_page", _deny_source_language, order=FIRST)
hooks.register("before_edit_snippet", _deny_source_language, order=FIRST)
# Unpublishing a draftable snippet (Organisation) needs only its publish permission.
hooks.register("before_unpublish", _deny_source_language, order=FIRST)


@hooks.register("before_bulk_action", order=FIRST)
def deny_source_language_bulk_actions(request, action_type, objects, action_class_instance):
    if not is_translator_only(request.user):
        return None
    for instance in objects:
        if is_source_language(instance):
            return translator_denied(request, instance)
    return None


# --- The translation editor says when a translation is not up to date --------------------------


def warn_out_of_date_translation(request, instance):
    """On opening a translated page or snippet (wagtail-localize's translation editor, which
    answers the next hook), say why it is not up to date, as the report and the API see it."""
    if request.method != "GET" or not isinstance(instance, TranslatableMixin):
        return None
    found = state_for(instance)
    if found is not None and not found[1].up_to_date:
        messages.warning(request, f"This translation is not up to date. {found[1].summary}")
    return None


# After the translators' check (FIRST), before wagtail-localize's hooks (order 0).
hooks.register("before_edit_page", warn_out_of_date_translation, order=FIRST + 1)
hooks.register("before_edit_snippet", warn_out_of_date_translation, order=FIRST + 1)


# --- Translations out of date report ----------------------------------------------------------


@hooks.register("register_admin_urls")
def register_out_of_date_translations_report_urls():
    # Under /admin/reports/ like Wagtail's reports (their include() does not match these).
    return [
        path(
            "reports/translations-out-of-date/",
            OutOfDateTranslationsReportView.as_view(),
            name=INDEX_URL_NAME,
        ),
        path(
            "reports/translations-out-of-date/results/",
            OutOfDateTranslationsReportView.as_view(results_only=True),
            name=RESULTS_URL_NAME,
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_out_of_date_translations_menu_item():
    # Shown to users with wagtail_localize.submit_translation (and superusers).
    return OutOfDateTranslationsMenuItem(
        "Translations out of date",
        reverse(INDEX_URL_NAME),
        name="translations-out-of-date",
        icon_name="resubmit",
        order=9010,  # after wagtail-localize's "Translations" (9000)
    )


# After Wagtail's own registration (order 0), which this replaces: see pages/rich_text.py.
@hooks.register("register_rich_text_features", order=100)
def serve_page_links_to_public_pages_only(features):
    from .rich_text import PublicPageLinkHandler

    features.register_link_type(PublicPageLinkHandler)


@hooks.register("before_serve_page", order=FIRST)
def serve_pages_within_their_dates_only(page, request, serve_args, serve_kwargs):
    """Wagtail serves a page at its URL when its ``live`` flag is set, which only
    ``publish_scheduled`` clears on expiry: past its ``expire_at`` (or before a ``go_live_at``)
    the page is not found here either, as in the API. View restrictions stay Wagtail's."""
    if not is_current(page):
        raise Http404


# --- Directory blocks listing organisations readers will not see --------------------------------
# Saving and publishing never fail for it (an article may be written before its directory entry
# is published); the editor is told, and the preview marks the entry (docs/editors.md).


def _warn_about_unpublished_organisations(request, page):
    for warning in unpublished_choice_warnings(page.body, page.locale_id):
        messages.warning(request, warning)


@hooks.register("before_edit_page", order=FIRST + 1)
def warn_unpublished_organisations_in_draft(request, page):
    """On opening the editor, which is also where "Save draft" lands: about the draft edited
    (``page`` is its latest revision)."""
    if request.method == "GET" and isinstance(page, ArticlePage):
        _warn_about_unpublished_organisations(request, page)
    return None


@hooks.register("after_publish_page")
def warn_unpublished_organisations_on_publish(request, page):
    """After publishing (from the editor or the create view), about what readers now get."""
    if isinstance(page, ArticlePage):
        _warn_about_unpublished_organisations(request, page)
    return None


UNPUBLISHED_ORGANISATION_RULE = "unpublished-organisation"


@hooks.register("construct_wagtail_userbar")
def check_for_unpublished_organisations(request, items, page):
    """Wagtail's content checker (the preview panel's "Checks", the userbar's) also counts the
    directory entries the preview marks as unpublished (``data-unpublished-organisation``, set
    by pages/blocks/organisation_directory_block.html), with axe-core's own has-visible-text
    check: the marker's text makes it fail. (A check of our own would need JavaScript: Wagtail
    supplies the code of its own custom checks only.)"""
    for item in items:
        if not isinstance(item, ContentCheckerItem):
            continue
        if item.axe_run_only:  # empty: every rule runs, custom ones included
            item.axe_run_only = [*item.axe_run_only, UNPUBLISHED_ORGANISATION_RULE]
        item.axe_custom_rules = [
            *item.axe_custom_rules,
            {
                "id": UNPUBLISHED_ORGANISATION_RULE,
                "impact": "serious",
                "selector": "[data-unpublished-organisation]",
                "tags": ["best-practice"],
                "none": ["has-visible-text"],
                "enabled": True,
            },
        ]
        item.axe_messages = {
            **item.axe_messages,
            UNPUBLISHED_ORGANISATION_RULE: {
                "error_name": "Organisation not published",
                "help_text": "Readers will not see it: publish the organisation, or remove it "
                "from the directory block.",
            },
        }
