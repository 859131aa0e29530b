"""Directory verification in the admin: "Mark verified" on an organisation, the "Directory
verification" report of stale and soon-stale organisations (with CSV / XLSX export), and the
queue of readers' problem reports, grouped by organisation.

Marking verified records an :class:`~snippets.models.OrganisationVerification`, shared by every
translation; it is not an edit: no revision, no change to the draft or live version.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy

from .checks import describe_latest
from .models import (
    CheckKind,
    DirectoryProblemReport,
    Organisation,
    OrganisationCheck,
    OrganisationVerification,
    ProblemKind,
    ProblemReportStatus,
    VerificationMethod,
)
from .verification import needing_verification

CHANGE_ORGANISATION = "snippets.change_organisation"
organisation_permission_policy = ModelPermissionPolicy(Organisation)


def can_verify(user) -> bool:
    """Whoever may edit organisations may record that they checked one."""
    return user.has_perm(CHANGE_ORGANISATION)


def verify_url(organisation: Organisation, next_url: str | None = None) -> str:
    url = reverse("snippets_organisation_verify", args=(organisation.pk,))
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def edit_url(organisation: Organisation) -> str:
    return reverse(organisation.snippet_viewset.get_url_name("edit"), args=(organisation.pk,))


class VerificationForm(forms.Form):
    method = forms.ChoiceField(
        choices=VerificationMethod.choices,
        widget=forms.RadioSelect,
        label="How did you check?",
    )
    note = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What you checked, whom you spoke to, what changed; seen by editors only.",
    )


class MarkVerifiedView(WagtailAdminTemplateMixin, FormView):
    """Record that the editor checked an organisation's contact details (GET: the form and the
    organisation's verification history; POST: record and go back)."""

    form_class = VerificationForm
    template_name = "snippets/verification/mark_verified.html"
    page_title = "Mark verified"
    header_icon = "check"
    submit_button_label = "Record verification"

    def dispatch(self, request, *args, **kwargs):
        if not can_verify(request.user):
            raise PermissionDenied
        self.organisation = get_object_or_404(Organisation, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.organisation)

    def edit_url(self) -> str:
        return edit_url(self.organisation)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            organisation=self.organisation,
            edit_url=self.edit_url(),
            action_url=self.request.get_full_path(),
            submit_button_label=self.submit_button_label,
            verifications=OrganisationVerification.objects.filter(
                translation_key=self.organisation.translation_key
            ).select_related("verified_by")[:20],
            website_check=website_check(self.organisation),
            email_check=email_check(self.organisation),
            check_url=reverse("snippets_organisation_check", args=(self.organisation.pk,)),
        )
        return context

    def form_valid(self, form):
        self.organisation.record_verification(
            user=self.request.user,
            method=form.cleaned_data["method"],
            note=form.cleaned_data["note"],
        )
        messages.success(self.request, f"“{self.organisation}” marked verified.")
        return redirect(get_valid_next_url_from_request(self.request) or self.edit_url())


class CheckNowView(TemplateView):
    """POST: queue the automated checks of one organisation (the task queue runs them; with
    the immediate backend, at once) and go back to its verification page."""

    http_method_names = ["post"]

    def post(self, request, pk):
        if not can_verify(request.user):
            raise PermissionDenied
        organisation = get_object_or_404(Organisation, pk=pk)
        from .checks import check_one

        check_one.enqueue(organisation.pk)
        messages.success(request, f"Checks of “{organisation}” queued; results show here.")
        return redirect(verify_url(organisation, edit_url(organisation)))


# --- The report --------------------------------------------------------------------------------


class VerificationReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_verify(request.user)


class VerifyLinkColumn(Column):
    cell_template_name = "snippets/verification/verify_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context["request"]
        # Back to the report as filtered (not to its results fragment, which filtering loads).
        report = reverse("snippets_directory_verification")
        query = request.GET.urlencode()
        context["verify_url"] = verify_url(instance, f"{report}?{query}" if query else report)
        return context


def with_latest_checks(queryset):
    """Each organisation with its latest automated check of each kind (snippets/checks.py):
    its outcome, summary and time, as correlated subqueries (no query per row)."""
    annotations = {}
    for kind in CheckKind.values:
        latest = OrganisationCheck.objects.filter(
            translation_key=OuterRef("translation_key"), kind=kind
        ).order_by("-checked_at", "-pk")
        for name in ("ok", "summary", "checked_at"):
            annotations[f"{kind}_check_{name}"] = Subquery(latest.values(name)[:1])
    return queryset.annotate(**annotations)


def website_check(organisation) -> str:
    return describe_latest(organisation, CheckKind.WEBSITE, bool(organisation.website))


def email_check(organisation) -> str:
    return describe_latest(organisation, CheckKind.EMAIL, bool(organisation.email))


class DirectoryVerificationReportView(ReportView):
    """Organisations that are stale or become stale within 30 days, the longest unverified
    first; filtered like the organisations' listing (language, service, region, coverage,
    live), exported as CSV or XLSX."""

    page_title = "Directory verification"
    header_icon = "check"
    index_url_name = "snippets_directory_verification"
    index_results_url_name = "snippets_directory_verification_results"
    permission_policy = organisation_permission_policy
    permission_required = "change"
    model = Organisation

    list_export = [
        "name",
        "locale",
        "publication_status",
        "phone_display",
        "email",
        "website",
        "region",
        "coverage",
        "verification_status",
        "latest_verified_at",
        "latest_verification_method",
        "reverify_due",
        "has_open_reports",
        "website_check",
        "email_check",
    ]
    export_headings = {
        "website_check": "Website check",
        "email_check": "Email check",
        "locale": "Language",
        "publication_status": "Status",
        "phone_display": "Phone",
        "verification_status": "Verification",
        "latest_verified_at": "Last verified",
        "latest_verification_method": "Method",
        "reverify_due": "Re-verify by",
        "has_open_reports": "Open reader reports",
    }

    @property
    def filterset_class(self):
        from .wagtail_hooks import OrganisationFilterSet  # the listing's filters

        return OrganisationFilterSet

    @property
    def columns(self):
        return [
            TitleColumn(
                "name",
                label="Organisation",
                get_url=edit_url,
                accessor=str,
            ),
            Column("region", label="Region"),
            Column("coverage", label="Coverage", accessor="get_coverage_display"),
            Column("verification_status", label="Verification"),
            DateColumn("latest_verified_at", label="Last verified"),
            Column("method", label="Method", accessor="verification_method_label"),
            DateColumn("reverify_due", label="Re-verify by"),
            Column("website_check", label="Website check", accessor=website_check),
            Column("email_check", label="Email check", accessor=email_check),
            VerifyLinkColumn("verify", label=""),
        ]

    def get_filename(self):
        return f"directory-verification-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        return with_latest_checks(
            needing_verification(Organisation.objects.select_related("locale"))
        )

    def to_row_dict(self, item):
        item.website_check, item.email_check = website_check(item), email_check(item)
        row = super().to_row_dict(item)
        row["latest_verification_method"] = item.verification_method_label
        row["has_open_reports"] = "yes" if item.has_open_reports else "no"
        return row


# --- Readers' problem reports -------------------------------------------------------------------

RESOLVE_REPORTS = "snippets.change_directoryproblemreport"


def can_resolve_reports(user) -> bool:
    return user.has_perm(RESOLVE_REPORTS)


class ProblemReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_resolve_reports(request.user)


@dataclass(eq=False)
class ReportGroup:
    """The open reports about one organisation (all its translations)."""

    organisation: Organisation
    reports: list[DirectoryProblemReport] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.reports)

    @property
    def kinds(self) -> list[tuple[str, int]]:
        """(label, count) of each kind reported, the most reported first."""
        labels = dict(ProblemKind.choices)
        counts = Counter(report.kind for report in self.reports)
        return [(labels[kind], count) for kind, count in counts.most_common()]

    @property
    def first_reported(self):
        return min(report.created_at for report in self.reports)

    @property
    def notes(self) -> list[DirectoryProblemReport]:
        return [report for report in self.reports if report.note][:10]

    @property
    def resolve_url(self) -> str:
        return reverse(
            "snippets_problem_reports_resolve", args=(self.organisation.translation_key,)
        )

    @property
    def edit_url(self) -> str:
        return edit_url(self.organisation)


def open_report_groups() -> list[ReportGroup]:
    """Open reports by organisation, the most reported first (then the oldest). Each group
    shows the organisation in the default language when it has that translation. Three
    queries, however many reports."""
    reports = list(
        DirectoryProblemReport.objects.filter(status=ProblemReportStatus.OPEN)
        .select_related("organisation")
        .order_by("created_at", "pk")
    )
    keys = {report.organisation.translation_key for report in reports}
    default = {
        organisation.translation_key: organisation
        for organisation in Organisation.objects.filter(
            translation_key__in=keys, locale=Locale.get_default()
        )
    }
    groups: dict = {}
    for report in reports:
        key = report.organisation.translation_key
        if key not in groups:
            groups[key] = ReportGroup(default.get(key, report.organisation))
        groups[key].reports.append(report)
    return sorted(groups.values(), key=lambda group: (-group.count, group.first_reported))


class ProblemReportQueueView(WagtailAdminTemplateMixin, TemplateView):
    """Readers' open reports, grouped by organisation with counts by kind. Each group is
    resolved at once: as fixed (records a verification: say how you checked) or dismissed."""

    template_name = "snippets/verification/problem_reports.html"
    page_title = "Directory problem reports"
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not can_resolve_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["groups"] = open_report_groups()
        context["methods"] = VerificationMethod.choices
        context["can_verify"] = can_verify(self.request.user)
        return context


class ResolveForm(forms.Form):
    resolution = forms.ChoiceField(
        choices=[(ProblemReportStatus.FIXED, "Fixed"), (ProblemReportStatus.DISMISSED, "Dismissed")]
    )
    method = forms.ChoiceField(choices=VerificationMethod.choices, required=False)
    note = forms.CharField(required=False, max_length=2000)

    def clean(self):
        data = super().clean()
        if data.get("resolution") == ProblemReportStatus.FIXED and not data.get("method"):
            self.add_error("method", "Say how you checked the details you fixed.")
        return data


class ResolveProblemReportsView(TemplateView):
    """POST: resolve every open report about an organisation (any translation). "Fixed"
    records a verification (the editor checked and corrected the details) and links the
    reports to it; "Dismissed" records nothing else."""

    http_method_names = ["post"]

    def post(self, request, key):
        if not can_resolve_reports(request.user):
            raise PermissionDenied
        form = ResolveForm(request.POST)
        queue = reverse("snippets_problem_reports")
        if not form.is_valid():
            errors = "; ".join(
                message for messages_ in form.errors.values() for message in messages_
            )
            messages.error(request, f"Not resolved: {errors}")
            return redirect(queue)
        resolution = form.cleaned_data["resolution"]
        if resolution == ProblemReportStatus.FIXED and not can_verify(request.user):
            raise PermissionDenied
        with transaction.atomic():
            reports = list(
                DirectoryProblemReport.objects.select_for_update()
                .filter(status=ProblemReportStatus.OPEN, organisation__translation_key=key)
                .select_related("organisation")
            )
            if not reports:
                messages.warning(request, "These reports were already resolved.")
                return redirect(queue)
            organisation = reports[0].organisation
            verification = None
            if resolution == ProblemReportStatus.FIXED:
                verification = organisation.record_verification(
                    user=request.user,
                    method=form.cleaned_data["method"],
                    note=form.cleaned_data["note"],
                )
            now = timezone.now()
            for report in reports:  # saved one by one: cached API responses are dropped
                report.status = resolution
                report.resolved_at = now
                report.resolved_by = request.user
                report.verification = verification
                report.save()
        outcome = "fixed and verified" if verification else "dismissed"
        messages.success(
            request, f"{len(reports)} report(s) about “{organisation}” resolved as {outcome}."
        )
        return redirect(queue)
