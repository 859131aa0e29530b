"""Admin views, form and filters behind comment moderation (registered in ``wagtail_hooks``).

Privacy rules the admin enforces:

* the reader's email address is shown only to users with ``community.moderate_comment``
  (list column, read-only field on the edit form, inspect view); nobody can edit it;
* ``client_hash`` and ``commenter_key_hash`` are never shown to anyone;
* nothing is exported (no spreadsheet export of the listing).
"""

import django_filters
from django import forms
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.views.generic import View
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.utils import get_user_display_name, get_valid_next_url_from_request
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views import snippets as snippet_views

from pages.models import ArticlePage

from .models import Comment, CommentStatus

MODERATE_PERMISSION = "community.moderate_comment"

# Any of these (as permission-policy actions on Comment) lets a user see the comment listing.
# "moderate" maps to ``community.moderate_comment``; "add" is left out: comments only come
# from readers.
SEE_COMMENTS_ACTIONS = ["view", "change", "delete", "moderate"]

# status -> (button label, past tense for messages, icon)
MODERATION_ACTIONS = {
    CommentStatus.APPROVED: ("Approve", "approved", "check"),
    CommentStatus.REJECTED: ("Reject", "rejected", "cross"),
    CommentStatus.SPAM: ("Mark as spam", "marked as spam", "warning"),
}


def can_moderate(user) -> bool:
    return user.has_perm(MODERATE_PERMISSION)


def can_see_comments(user) -> bool:
    return any(user.has_perm(f"community.{action}_comment") for action in SEE_COMMENTS_ACTIONS)


def reply_to(comment) -> str:
    """For a reply, whom it answers and what: "Ana: “I carry naloxone…”"; "" otherwise."""
    parent = comment.parent
    if parent is None:
        return ""
    return f"{parent.author_name}: “{Truncator(parent.body).chars(60)}”"


def moderation_queryset(request=None):
    """Comments for the listing: pending ones first, then those held by an article's flood
    ceiling, then newest first (see the viewset's ``ordering``), with what the columns show
    fetched in the same query."""
    return Comment.objects.select_related("article", "parent").annotate(
        pending_first=Case(
            When(status=CommentStatus.PENDING, then=Value(0)),
            When(status=CommentStatus.HELD, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    )


# --- Menu -------------------------------------------------------------------------------------


class PendingCommentsMenuItem(MenuItem):
    """The "Comments" sidebar item, labelled with the number of comments awaiting moderation,
    pending and held ("Comments (3)"). The Wagtail sidebar has no badge API, so the label is
    computed per request instead (menu item instances are shared between requests: never
    mutate them)."""

    def is_shown(self, request):
        return can_see_comments(request.user)

    def get_label(self, request):
        pending = Comment.objects.awaiting_moderation().count()
        return f"{self.label} ({pending})" if pending else str(self.label)

    def render_component(self, request):
        return LinkMenuItem(
            self.name,
            self.get_label(request),
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


# --- Listing ----------------------------------------------------------------------------------


class CommentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        choices=CommentStatus.choices,
        label="Status",
        empty_label="All",
        widget=forms.RadioSelect,
    )
    article = django_filters.ModelChoiceFilter(
        queryset=ArticlePage.objects.order_by("title"), label="Article"
    )
    created_at = django_filters.DateFromToRangeFilter(label="Created", widget=DateRangePickerWidget)

    class Meta:
        model = Comment
        fields = ["status", "article", "created_at"]


def body_excerpt(comment) -> str:
    return Truncator(" ".join(comment.body.split())).chars(80)


class CommentStatusColumn(Column):
    """A comment's status as a tag with its own colour per status (community/admin.css), the
    status word always in it: pending and held stand out from what is done."""

    cell_template_name = "community/comments/status_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["status_class"] = f"comment-status comment-status--{instance.status}"
        return context


class CommentIndexView(snippet_views.IndexView):
    any_permission_required = SEE_COMMENTS_ACTIONS

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # No spreadsheet export: it would carry reader data out of the admin.
        self.is_export = False

    @property
    def can_moderate(self) -> bool:
        return can_moderate(self.request.user)

    @property
    def list_display(self):
        # Status and article first after the name: on a phone the table scrolls sideways,
        # and what a moderator decides on must be on screen without scrolling.
        columns = [
            "author_name",
            CommentStatusColumn(
                "status", label="Status", accessor="get_status_display", sort_key="status"
            ),
            Column("article", label="Article", accessor="article.title", sort_key="article__title"),
            Column("body_excerpt", label="Comment", accessor=body_excerpt),
            Column("parent", label="In reply to", accessor=reply_to),
        ]
        if self.can_moderate:
            columns.append(Column("author_email", label="Email"))
        columns.append(DateColumn("created_at", label="Created", sort_key="created_at"))
        return columns

    def get_add_url(self):
        return None  # comments come from readers only

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.can_moderate:
            url_name = Comment.snippet_viewset.get_url_name("moderate")
            for priority, (status, (label, _done, icon)) in enumerate(
                MODERATION_ACTIONS.items(), start=1
            ):
                if instance.status == status:
                    continue
                buttons.append(
                    Button(
                        label,
                        icon_name=icon,
                        priority=priority,
                        attrs={
                            "data-controller": "w-action",
                            "data-action": "w-action#post",
                            "data-w-action-url-value": reverse(
                                url_name, args=(instance.pk, status)
                            ),
                        },
                    )
                )
        return buttons


# --- Edit and inspect -------------------------------------------------------------------------


class CommentAdminForm(WagtailAdminModelForm):
    """Records who moderated the comment and when whenever its status changes."""

    def save(self, commit=True):
        if "status" in self.changed_data:
            self.instance.moderated_at = timezone.now()
            self.instance.moderated_by = self.for_user
        return super().save(commit=commit)


class CommentCreateView(snippet_views.CreateView):
    """Comments are only posted by readers: there is no "Add comment" in the admin."""

    def dispatch(self, request, *args, **kwargs):
        raise PermissionDenied


def display_value(value):
    """Read-only display: a dash for nothing, people by name."""
    if value is None or value == "":
        return "—"
    if isinstance(value, AbstractBaseUser):
        return get_user_display_name(value)
    return value


FIELD_LABELS = {
    "author_email": "Reader's email (moderators only)",
    "parent": "In reply to",
    "created_at": "Posted",
}


class ReadOnlyPanel(FieldPanel):
    """A field shown for context on the edit form, never editable."""

    def __init__(self, field_name, **kwargs):
        kwargs["read_only"] = True
        kwargs.setdefault("heading", FIELD_LABELS.get(field_name, ""))
        super().__init__(field_name, **kwargs)

    def format_value_for_display(self, value):
        value = display_value(value)
        return value if isinstance(value, str) else super().format_value_for_display(value)


class CommentInspectView(snippet_views.InspectView):
    """A comment with its context (article, live and in the editor; the comment it answers)
    and, for moderators, approve / reject / spam in one click: where the notification email
    leads."""

    any_permission_required = SEE_COMMENTS_ACTIONS
    template_name = "community/comments/inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        comment = self.object
        article = comment.article
        context["article_live_url"] = article.full_url if article.live else None
        context["article_edit_url"] = reverse("wagtailadmin_pages:edit", args=(article.pk,))
        if comment.parent_id:
            context["parent_url"] = reverse(
                Comment.snippet_viewset.get_url_name("inspect"), args=(comment.parent_id,)
            )
        actions = []
        if can_moderate(self.request.user):
            url_name = Comment.snippet_viewset.get_url_name("moderate")
            for status, (label, _done, _icon) in MODERATION_ACTIONS.items():
                if status != comment.status:
                    actions.append(
                        {
                            "status": status,
                            "label": label,
                            "url": reverse(url_name, args=(comment.pk, status)),
                            "secondary": status != CommentStatus.APPROVED,
                        }
                    )
        context["moderation_actions"] = actions
        return context

    def get_fields(self):
        # Never client_hash; the email only for moderators.
        fields = ["author_name", "body", "article", "parent", "status", "created_at"]
        if can_moderate(self.request.user):
            fields.insert(1, "author_email")
        return [*fields, "moderated_at", "moderated_by", "personal_data_purged_at"]

    def get_field_label(self, field_name, field):
        return FIELD_LABELS.get(field_name) or super().get_field_label(field_name, field)

    def get_field_display_value(self, field_name, field):
        return display_value(super().get_field_display_value(field_name, field))


class ModerateCommentView(PermissionCheckedMixin, View):
    """POST: set one comment's status (approve, reject, spam), then go back where the
    moderator came from."""

    model = Comment
    permission_required = "moderate"
    index_url_name = None
    http_method_names = ["post"]

    def post(self, request, pk, status):
        if status not in MODERATION_ACTIONS:
            raise Http404
        comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk)
        comment.set_status(status, request.user)
        messages.success(
            request,
            f"Comment by {comment.author_name} {MODERATION_ACTIONS[status][1]}.",
        )
        return redirect(get_valid_next_url_from_request(request) or self.index_url_name)
