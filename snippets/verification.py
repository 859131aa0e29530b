"""Directory verification: which organisations are stale or soon stale, and the weekly digest
emailed to the "Directory editors" group (a task, scheduled weekly in SnippetsConfig.ready).

An organisation is *stale* when it has no verification, or its latest is older than
``DIRECTORY_REVERIFY_DAYS`` (180 by default); *due soon* when it becomes stale within
``SOON_DAYS`` (30). Verifications are shared by every translation of an organisation, so these
lists show one row per organisation: its version in the default language.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from cms.tasks import retrying_task

from .models import SOON_DAYS, Organisation, stale_before

logger = logging.getLogger(__name__)

DIRECTORY_EDITORS_GROUP = "Directory editors"


def needing_verification(queryset: QuerySet | None = None) -> QuerySet:
    """Organisations (of ``queryset``, default all) that are stale or stale within SOON_DAYS,
    the longest unverified first (never verified before all)."""
    queryset = Organisation.objects.all() if queryset is None else queryset
    soon = stale_before() + datetime.timedelta(days=SOON_DAYS)
    return (
        queryset.with_verification()
        .filter(Q(annotated_verified_at__isnull=True) | Q(annotated_verified_at__lt=soon))
        .order_by(F("annotated_verified_at").asc(nulls_first=True), "name", "pk")
    )


def directory_editor_emails() -> list[str]:
    User = get_user_model()
    return sorted(
        set(
            User.objects.filter(groups__name=DIRECTORY_EDITORS_GROUP, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


def digest_lines(organisations: list[Organisation]) -> list[str]:
    lines = []
    for organisation in organisations:
        verified_at = organisation.latest_verified_at
        if verified_at is None:
            lines.append(f"- {organisation} (never verified)")
        else:
            status = organisation.verification_status.lower()
            day = timezone.localtime(verified_at).date()
            lines.append(f"- {organisation} ({status}, last verified {day})")
    return lines


@retrying_task()
def send_verification_digest() -> str:
    """Email the "Directory editors" group the live organisations (default language) that are
    stale or due soon, with a link to the "Directory verification" report. Nothing is sent
    when there are none or nobody is in the group. Raises when the mail server refuses, so the
    task is retried."""
    from wagtail.models import Locale

    recipients = directory_editor_emails()
    if not recipients:
        return "no directory editors"
    default = Organisation.objects.filter(live=True, locale=Locale.get_default())
    organisations = list(needing_verification(default))
    if not organisations:
        return "nothing to verify"
    stale = sum(1 for organisation in organisations if organisation.is_stale)
    report_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "snippets_directory_verification"
    )
    EmailMessage(
        subject=f"Directory verification: {stale} stale, {len(organisations) - stale} due soon",
        body=(
            "These organisations' contact details need checking: readers may rely on them in "
            "a crisis.\n\n"
            + "\n".join(digest_lines(organisations))
            + f"\n\nThe report, with a “Mark verified” action for each: {report_url}\n"
        ),
        bcc=recipients,
        headers={"Message-ID": _message_id()},
    ).send()
    logger.info("emailed %s directory editor(s) about %s organisations", len(recipients), stale)
    return f"sent to {len(recipients)}"


def _message_id() -> str:
    # Every attempt of one week's digest carries the same Message-ID (see
    # community/notifications.py): a duplicate delivery can be dropped.
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "localhost"
    year, week, _day = timezone.localdate().isocalendar()
    return f"<directory-digest-{year}-{week:02}@{domain}>"
