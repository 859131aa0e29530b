"""Comment moderation in the Wagtail admin: a "Comments (n pending)" menu item, a filterable
listing, an edit form limited to status and typo fixes, and approve / reject / spam actions
(per comment and in bulk). See ``admin_views`` for who sees what.

Listing search uses the ORM (``icontains`` over ``search_fields``): Comment is not in Wagtail's
search index, and restricting the index search per viewset breaks the database search backend
on SQLite.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_list_or_404
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import (
    MODERATE_PERMISSION,
    MODERATION_ACTIONS,
    CommentAdminForm,
    CommentCreateView,
    CommentFilterSet,
    CommentIndexView,
    CommentInspectView,
    ModerateCommentView,
    PendingCommentsMenuItem,
    ReadOnlyPanel,
    can_moderate,
    moderation_queryset,
)
from .models import AWAITING_MODERATION, Comment, CommentStatus
from .reports import QuizResultsMenuItem, QuizResultsReportView


class CommentViewSet(SnippetViewSet):
    model = Comment
    icon = "comment"
    menu_label = "Comments"
    menu_name = "comments"
    menu_order = 250  # after Pages, before Images
    add_to_admin_menu = True

    index_view_class = CommentIndexView
    add_view_class = CommentCreateView
    inspect_view_class = CommentInspectView
    inspect_view_enabled = True
    copy_view_enabled = False

    # list_display is decided per user by CommentIndexView (the email column is for
    # moderators only); list_export is deliberately unset: no export of reader data.
    filterset_class = CommentFilterSet
    search_fields = ["author_name", "body"]
    search_backend_name = None
    ordering = ["pending_first", "-created_at"]
    list_per_page = 50

    edit_handler = ObjectList(
        [
            FieldPanel("status", permission=MODERATE_PERMISSION),
            FieldPanel("author_name"),
            FieldPanel("body"),
            ReadOnlyPanel("author_email", permission=MODERATE_PERMISSION),
            MultiFieldPanel(
                [
                    FieldRowPanel([ReadOnlyPanel("article"), ReadOnlyPanel("created_at")]),
                    ReadOnlyPanel("parent"),
                    FieldRowPanel([ReadOnlyPanel("moderated_by"), ReadOnlyPanel("moderated_at")]),
                ],
                heading="Context",
            ),
        ],
        base_form_class=CommentAdminForm,
    )

    def get_queryset(self, request):
        return moderation_queryset(request)

    def register_chooser_viewset(self):
        # Nothing links to a comment, and Wagtail's snippet chooser would list every comment
        # (pending and spam included) to anyone with admin access: no chooser.
        pass

    def get_menu_item(self, order=None):
        return PendingCommentsMenuItem(
            label=self.menu_label,
            url=self.menu_url,
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=self.get_menu_item_order(order),
        )

    @property
    def moderate_view(self):
        return self.construct_view(ModerateCommentView)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("moderate/<int:pk>/<slug:status>/", self.moderate_view, name="moderate"),
        ]


register_snippet(CommentViewSet)


class PendingCommentsPanel(Component):
    """The dashboard's list of the comments awaiting moderation (pending and held), newest
    first, each linking to its one-click moderation screen; for moderators only."""

    name = "pending_comments"
    order = 50
    template_name = "community/comments/pending_panel.html"
    shown = 5

    def get_context_data(self, parent_context=None):
        awaiting = Comment.objects.filter(status__in=AWAITING_MODERATION)
        comments = list(awaiting.select_related("article").order_by("-created_at")[: self.shown])
        inspect = Comment.snippet_viewset.get_url_name("inspect")
        for comment in comments:
            comment.moderate_url = reverse(inspect, args=(comment.pk,))
        return {
            "total": awaiting.count(),
            "comments": comments,
            "listing_url": reverse(Comment.snippet_viewset.get_url_name("list")),
        }


@hooks.register("insert_global_admin_css")
def comment_status_css():
    return format_html('<link rel="stylesheet" href="{}">', static("community/admin.css"))


@hooks.register("construct_homepage_panels")
def add_pending_comments_panel(request, panels):
    if can_moderate(request.user):
        panels.append(PendingCommentsPanel())


# --- Bulk actions -----------------------------------------------------------------------------


class ModerateCommentsBulkAction(SnippetBulkAction):
    """Set the status of the selected comments (moderators only)."""

    models = [Comment]
    template_name = "community/bulk_actions/confirm_bulk_moderate.html"
    status = None

    def dispatch(self, request, *args, **kwargs):
        if not can_moderate(request.user):
            # Not even the confirmation page: it would list the comments.
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def check_perm(self, comment):
        return can_moderate(self.request.user)

    @classmethod
    def get_queryset(cls, model, object_ids):
        return get_list_or_404(model.objects.select_related("article"), pk__in=object_ids)

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        for comment in objects:
            comment.set_status(cls.status, user)
        return len(objects), 0

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "action_label": self.display_name,
            "action_done": MODERATION_ACTIONS[self.status][1],
        }

    def get_success_message(self, num_parent_objects, num_child_objects):
        return capfirst(
            ngettext(
                "%(count)d comment %(done)s.",
                "%(count)d comments %(done)s.",
                num_parent_objects,
            )
            % {"count": num_parent_objects, "done": MODERATION_ACTIONS[self.status][1]}
        )


@hooks.register("register_bulk_action")
class ApproveCommentsBulkAction(ModerateCommentsBulkAction):
    status = CommentStatus.APPROVED
    display_name = "Approve"
    action_type = "approve"
    aria_label = "Approve selected comments"
    action_priority = 10


@hooks.register("register_bulk_action")
class RejectCommentsBulkAction(ModerateCommentsBulkAction):
    status = CommentStatus.REJECTED
    display_name = "Reject"
    action_type = "reject"
    aria_label = "Reject selected comments"
    action_priority = 20


@hooks.register("register_bulk_action")
class SpamCommentsBulkAction(ModerateCommentsBulkAction):
    status = CommentStatus.SPAM
    display_name = "Mark as spam"
    action_type = "spam"
    aria_label = "Mark selected comments as spam"
    action_priority = 25
    classes = {"serious"}


# --- Reports ----------------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_quiz_results_report_urls():
    # Under /admin/reports/ like Wagtail's reports (their include() does not match these).
    return [
        path(
            "reports/quiz-results/",
            QuizResultsReportView.as_view(),
            name="community_quiz_results",
        ),
        path(
            "reports/quiz-results/results/",
            QuizResultsReportView.as_view(results_only=True),
            name="community_quiz_results_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_quiz_results_menu_item():
    # Shown only to users with community.view_quiz_results (superusers have it).
    return QuizResultsMenuItem(
        "Quiz results",
        reverse("community_quiz_results"),
        name="quiz-results",
        icon_name="tasks",
        order=1300,
    )
