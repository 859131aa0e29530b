"""Readers report problems with directory entries (``reportDirectoryProblem``): a wrong phone
number or email, an organisation closed or moved.

The same protections as comments, with the same functions (community/services.py and
ratelimit.py): a single-use form token (``directoryReportFormToken``) at least FORM_MIN_AGE
seconds and at most FORM_MAX_AGE old, a honeypot field, and per-client rate limits. No personal
data is kept: a report holds the organisation, the kind of problem and the reader's optional
note, nothing about the reader (no email, no address, no client hash); the client's keyed hash
only names its rate-limit counters in the "ratelimit" cache, which expire with their window.

A report caught by the honeypot or sent too fast is answered like any other and not stored.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.http import HttpRequest

from snippets.models import DirectoryProblemReport, Organisation, ProblemKind

from .clients import client_hash
from .conf import community_setting
from .ratelimit import allow, first_in_window
from .services import (
    ErrorCode,
    FieldError,
    FormKind,
    _clean_text,
    form_already_used,
    looks_automated,
    make_form_token,
    parse_id,
    read_form_token,
    used_key,
)

logger = logging.getLogger(__name__)

DIRECTORY_REPORT_FORM = FormKind(
    "community.directory-report-form", "the page", "send your report", "form"
)
# Directory report tokens are not bound to one organisation: the form can be shown beside any.
ANY_ORGANISATION = 0
NOTE_MAX = 1000


def make_report_form_token(issued_at: float | None = None) -> str:
    return make_form_token(ANY_ORGANISATION, issued_at, kind=DIRECTORY_REPORT_FORM)


@dataclass
class ReportResult:
    organisation: Organisation | None = None
    received: bool = False
    errors: list[FieldError] = field(default_factory=list)


def _organisation(organisation_id) -> Organisation | None:
    pk = parse_id(organisation_id)
    if pk is None:
        return None
    return Organisation.objects.filter(pk=pk, live=True).first()


def report_problem(
    request: HttpRequest,
    *,
    organisation_id,
    kind: str,
    note: str = "",
    form_token: str,
    honeypot: str = "",
) -> ReportResult:
    """Validate and store a reader's report (see the module docstring)."""
    errors = []
    organisation = _organisation(organisation_id)
    if organisation is None:
        errors.append(
            FieldError(
                "organisationId", "No published organisation has this id.", ErrorCode.NOT_FOUND
            )
        )
    if kind not in ProblemKind.values:
        errors.append(FieldError("kind", "Unknown kind of problem.", ErrorCode.INVALID))
    text = ""
    if (note or "").strip():
        text, note_error = _clean_text("note", note, NOTE_MAX, "Your note")
        if note_error:
            errors.append(note_error)
    token, token_error = read_form_token(form_token, ANY_ORGANISATION, kind=DIRECTORY_REPORT_FORM)
    if token_error:
        errors.append(token_error)
    if errors:
        return ReportResult(errors=errors)

    client = client_hash(request)
    if not (
        allow(
            "directory-report-burst",
            client,
            1,
            community_setting("DIRECTORY_REPORT_MIN_INTERVAL"),
        )
        and allow(
            "directory-report-hour", client, community_setting("DIRECTORY_REPORTS_PER_HOUR"), 3600
        )
    ):
        return ReportResult(
            errors=[
                FieldError(
                    None,
                    "You are sending reports too quickly. Wait a little and try again.",
                    ErrorCode.RATE_LIMITED,
                )
            ]
        )
    if not first_in_window(used_key(token.nonce), community_setting("FORM_MAX_AGE")):
        return ReportResult(errors=[form_already_used(DIRECTORY_REPORT_FORM)])

    if looks_automated(honeypot, token):
        logger.info("directory report on organisation %s dropped as spam", organisation.pk)
        return ReportResult(organisation=organisation, received=True)
    report = DirectoryProblemReport.objects.create(organisation=organisation, kind=kind, note=text)
    logger.info("directory report %s on organisation %s stored", report.pk, organisation.pk)
    return ReportResult(organisation=organisation, received=True)
