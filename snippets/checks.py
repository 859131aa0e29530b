"""Automated directory checks: is each live organisation's website up, and does its email
domain accept mail? Results are :class:`~snippets.models.OrganisationCheck` rows, shown in the
"Directory verification" report. They run in the task queue (``run_directory_checks``, daily
through the scheduler) or from ``manage.py check_directory``; never while an editor saves.

Website: GET the URL with a 5 s timeout (``DIRECTORY_CHECKS_TIMEOUT``), following up to 5
redirects; the result records the status, the final URL and whether it is on another host.
TLS failures (expired, self-signed, wrong host) are reported as such, as are timeouts, refused
connections and names that do not resolve.

Email: the domain's MX records (or, with none, its A/AAAA records: RFC 5321 §5.1); a null MX
("."), no records or a nonexistent domain fail. Then the first MX host that answers is asked
EHLO (HELO if refused) and QUIT: no MAIL FROM, no RCPT TO, never any mail.

SSRF: every address connected to (the website's, each redirect's, each mail host's) must be
public; private, loopback, link-local and reserved addresses are refused unless
``DIRECTORY_CHECKS_ALLOW_PRIVATE`` is on (tests). Names are resolved with dnspython, through
``DIRECTORY_CHECKS_DNS`` ("host:port", e.g. "127.0.0.1:5353") or the system's resolver.
"""

from __future__ import annotations

import http.client
import ipaddress
import logging
import smtplib
import socket
import ssl
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import dns.exception
import dns.resolver
from django.conf import settings
from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone

from cms.tasks import retrying_task

from .models import CheckKind, Organisation, OrganisationCheck

logger = logging.getLogger(__name__)

MAX_REDIRECTS = 5
USER_AGENT = "DirectoryCheck/1.0 (+contact details verification)"


def timeout() -> float:
    return float(getattr(settings, "DIRECTORY_CHECKS_TIMEOUT", 5))


def keep() -> int:
    return max(1, int(getattr(settings, "DIRECTORY_CHECKS_KEEP", 10)))


def batch_size() -> int:
    return max(1, int(getattr(settings, "DIRECTORY_CHECKS_BATCH", 200)))


def smtp_port() -> int:
    return int(getattr(settings, "DIRECTORY_CHECKS_SMTP_PORT", 25))


@dataclass
class Outcome:
    ok: bool
    summary: str
    details: dict = field(default_factory=dict)


class Refused(Exception):
    """A target we will not connect to (SSRF guard) or cannot resolve."""


# --- Resolving, safely ---------------------------------------------------------------------------


def resolver() -> dns.resolver.Resolver:
    configured = getattr(settings, "DIRECTORY_CHECKS_DNS", "")
    if not configured:
        found = dns.resolver.Resolver()
    else:
        found = dns.resolver.Resolver(configure=False)
        host, _, port = configured.rpartition(":") if ":" in configured else (configured, "", "")
        found.nameservers = [host]
        found.port = int(port or 53)
    found.lifetime = timeout()
    found.timeout = timeout()
    return found


def is_allowed(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if getattr(settings, "DIRECTORY_CHECKS_ALLOW_PRIVATE", False):
        return not ip.is_unspecified and not ip.is_multicast
    return ip.is_global and not ip.is_multicast


def addresses(host: str, dns_resolver: dns.resolver.Resolver) -> list[str]:
    """The host's addresses (an IP literal is itself), each one allowed; Refused otherwise."""
    host = host.strip("[]")
    try:
        found = [str(ipaddress.ip_address(host))]
    except ValueError:
        found = []
    if not found:
        for rdtype in ("A", "AAAA"):
            try:
                found += [r.address for r in dns_resolver.resolve(host, rdtype)]
            except (dns.resolver.NoAnswer, dns.resolver.NXDOMAIN):
                continue
            except dns.exception.DNSException as error:
                raise Refused(f"DNS lookup of {host} failed ({type(error).__name__})") from error
        if not found:
            raise Refused(f"{host} does not resolve")
    refused = [address for address in found if not is_allowed(address)]
    if refused:
        raise Refused(f"{host} resolves to a private or reserved address ({refused[0]})")
    return found


# --- Website ------------------------------------------------------------------------------------


def _connection(scheme: str, host: str, port: int | None, ip: str):
    """An HTTP(S) connection to ``host`` that connects to the already-checked ``ip`` (no
    second lookup that could answer differently) and verifies TLS against ``host``."""
    if scheme == "https":
        context = ssl.create_default_context()
        connection = http.client.HTTPSConnection(host, port, timeout=timeout(), context=context)
    else:
        connection = http.client.HTTPConnection(host, port, timeout=timeout())

    def create_connection(address, timeout_=None, source_address=None):
        return socket.create_connection((ip, address[1]), timeout_, source_address)

    connection._create_connection = create_connection
    return connection


def _tls_message(error: ssl.SSLError) -> str:
    reason = getattr(error, "verify_message", "") or getattr(error, "reason", "") or str(error)
    return f"TLS error: {reason}"


def check_website(url: str) -> Outcome:
    dns_resolver = resolver()
    start_host = (urlsplit(url).hostname or "").lower()
    hops: list[dict] = []
    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        parts = urlsplit(current)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return Outcome(False, f"Not a web address: {current}", {"url": url, "hops": hops})
        try:
            ip = addresses(parts.hostname, dns_resolver)[0]
        except Refused as error:
            return Outcome(False, str(error), {"url": url, "hops": hops})
        connection = _connection(parts.scheme, parts.hostname, parts.port, ip)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            connection.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
            response = connection.getresponse()
            status = response.status
            location = response.getheader("Location")
            response.read(65536)
        except ssl.SSLCertVerificationError as error:
            return Outcome(False, _tls_message(error), {"url": url, "hops": hops, "at": current})
        except ssl.SSLError as error:
            return Outcome(False, _tls_message(error), {"url": url, "hops": hops, "at": current})
        except TimeoutError:
            return Outcome(
                False, f"Timed out after {timeout():g} s", {"url": url, "hops": hops, "at": current}
            )
        except ConnectionRefusedError:
            return Outcome(False, "Connection refused", {"url": url, "hops": hops, "at": current})
        except (OSError, http.client.HTTPException) as error:
            return Outcome(
                False,
                f"Connection failed: {type(error).__name__}",
                {"url": url, "hops": hops, "at": current, "error": str(error)[:200]},
            )
        finally:
            connection.close()
        hops.append({"url": current, "status": status, "address": ip})
        if status in (301, 302, 303, 307, 308) and location:
            current = urljoin(current, location)
            continue
        final_host = (parts.hostname or "").lower()
        details = {
            "url": url,
            "final_url": current,
            "status": status,
            "host_changed": final_host != start_host,
            "hops": hops,
        }
        moved = f", redirected to {current}" if current != url else ""
        if details["host_changed"]:
            moved = f", redirected to another host: {current}"
        if 200 <= status < 300:
            return Outcome(True, f"HTTP {status}{moved}", details)
        return Outcome(False, f"HTTP {status}{moved}", details)
    return Outcome(
        False, f"More than {MAX_REDIRECTS} redirects", {"url": url, "hops": hops, "at": current}
    )


# --- Email --------------------------------------------------------------------------------------


def mail_hosts(domain: str, dns_resolver: dns.resolver.Resolver) -> tuple[list[str], str]:
    """The hosts that receive the domain's mail, by preference, and how they were found
    ("MX" or "A/AAAA"); raises Refused when the domain takes no mail."""
    try:
        answer = dns_resolver.resolve(domain, "MX")
    except dns.resolver.NXDOMAIN as error:
        raise Refused(f"{domain} does not exist") from error
    except dns.resolver.NoAnswer:
        answer = None
    except dns.exception.DNSException as error:
        raise Refused(f"DNS lookup of {domain} failed ({type(error).__name__})") from error
    if answer is not None:
        records = sorted(answer, key=lambda record: record.preference)
        hosts = [record.exchange.to_text(omit_final_dot=True) for record in records]
        if hosts == [""] or hosts == ["."]:
            raise Refused(f"{domain} accepts no mail (null MX)")
        return hosts, "MX"
    addresses(domain, dns_resolver)  # RFC 5321 §5.1: no MX, the domain itself
    return [domain], "A/AAAA"


def check_email(email: str) -> Outcome:
    domain = email.rpartition("@")[2].strip().lower()
    if not domain:
        return Outcome(False, "No email domain", {"email": email})
    dns_resolver = resolver()
    try:
        hosts, found_by = mail_hosts(domain, dns_resolver)
    except Refused as error:
        return Outcome(False, str(error), {"domain": domain})
    details: dict = {"domain": domain, "mail_hosts": hosts, "found_by": found_by, "tried": []}
    for host in hosts[:3]:
        try:
            ips = addresses(host, dns_resolver)
        except Refused as error:
            details["tried"].append({"host": host, "error": str(error)})
            continue
        for ip in ips[:2]:
            attempt = {"host": host, "address": ip}
            details["tried"].append(attempt)
            try:
                with smtplib.SMTP(timeout=timeout()) as smtp:
                    code, banner = smtp.connect(ip, smtp_port())
                    attempt["banner"] = banner.decode(errors="replace")[:200]
                    if code != 220:
                        attempt["error"] = f"greeting {code}"
                        continue
                    code, _ = smtp.ehlo("directory-check.invalid")
                    if not 200 <= code < 300:
                        code, _ = smtp.helo("directory-check.invalid")
                    attempt["ehlo"] = code
                    if not 200 <= code < 300:
                        attempt["error"] = f"EHLO/HELO answered {code}"
                        continue
                details["host"] = host
                return Outcome(True, f"{host} accepts connections (found by {found_by})", details)
            except TimeoutError:
                attempt["error"] = f"timed out after {timeout():g} s"
            except ConnectionRefusedError:
                attempt["error"] = "connection refused"
            except (OSError, smtplib.SMTPException) as error:
                attempt["error"] = f"{type(error).__name__}: {str(error)[:150]}"
    last = details["tried"][-1]["error"] if details["tried"] else "no mail host to try"
    return Outcome(False, f"No mail server answered ({last})", details)


# --- Running and storing ------------------------------------------------------------------------


def record(organisation: Organisation, kind: str, outcome: Outcome) -> OrganisationCheck:
    check = OrganisationCheck.objects.create(
        translation_key=organisation.translation_key,
        kind=kind,
        ok=outcome.ok,
        summary=outcome.summary[:255],
        details=outcome.details,
    )
    older = OrganisationCheck.objects.filter(
        translation_key=organisation.translation_key, kind=kind
    ).order_by("-checked_at", "-pk")[keep() :]
    OrganisationCheck.objects.filter(pk__in=list(older.values_list("pk", flat=True))).delete()
    return check


def check_organisation(organisation: Organisation) -> list[OrganisationCheck]:
    """Check the organisation's website and email (those it has) and record the outcomes."""
    done = []
    if organisation.website:
        done.append(record(organisation, CheckKind.WEBSITE, check_website(organisation.website)))
    if organisation.email:
        done.append(record(organisation, CheckKind.EMAIL, check_email(organisation.email)))
    return done


def due_organisations(limit: int | None = None) -> list[Organisation]:
    """One live organisation per translation group (the website and email are the same in
    every language), with a website or email, the longest unchecked (never checked) first."""
    last_checked = (
        OrganisationCheck.objects.filter(translation_key=OuterRef("translation_key"))
        .values("translation_key")
        .annotate(latest=Max("checked_at"))
        .values("latest")
    )
    rows = (
        Organisation.objects.filter(live=True)
        .exclude(website="", email="")
        .annotate(last_checked=Subquery(last_checked))
        .order_by("last_checked", "translation_key", "pk")
    )
    chosen: dict = {}
    for organisation in rows.iterator():
        chosen.setdefault(organisation.translation_key, organisation)
    ordered = sorted(
        chosen.values(),
        key=lambda org: (org.last_checked is not None, org.last_checked or timezone.now()),
    )
    return ordered[:limit] if limit else ordered


@retrying_task()
def run_directory_checks(limit: int | None = None) -> str:
    """Check up to ``DIRECTORY_CHECKS_BATCH`` organisations, the longest unchecked first: a
    large directory is spread over several daily runs. A failed check is a result, not an
    error, so the task itself is not retried for it."""
    organisations = due_organisations(limit or batch_size())
    failed = 0
    for organisation in organisations:
        failed += sum(1 for check in check_organisation(organisation) if not check.ok)
    logger.info("checked %s organisation(s): %s failing check(s)", len(organisations), failed)
    return f"checked {len(organisations)}, {failed} failing"


@retrying_task()
def check_one(organisation_pk: int) -> str:
    """The admin's "Check now": one organisation, at once (queued)."""
    organisation = Organisation.objects.filter(pk=organisation_pk).first()
    if organisation is None:
        return "gone"
    checks = check_organisation(organisation)
    return ", ".join(str(check) for check in checks) or "nothing to check"


def latest_checks(keys) -> dict:
    """{(translation_key, kind): latest OrganisationCheck} for these translation keys."""
    latest: dict = {}
    rows = OrganisationCheck.objects.filter(translation_key__in=set(keys)).order_by(
        "translation_key", "kind", "-checked_at", "-pk"
    )
    for check in rows:
        latest.setdefault((check.translation_key, check.kind), check)
    return latest


def describe(ok: bool | None, summary: str, checked_at) -> str:
    """“OK: HTTP 200 (2026-12-04 22:50)”, “Failed: TLS error: … (…)” or “Not checked”."""
    if checked_at is None:
        return "Not checked"
    mark = "OK" if ok else "Failed"
    return f"{mark}: {summary} ({timezone.localtime(checked_at):%Y-%m-%d %H:%M})"


def describe_latest(organisation: Organisation, kind: str, applies: bool = True) -> str:
    """The latest check of ``kind``, from the annotations of the verification report's
    queryset (or a query without them); "—" when the organisation has nothing to check."""
    if not applies:
        return "—"
    if f"{kind}_check_checked_at" in organisation.__dict__:
        names = ("ok", "summary", "checked_at")
        values = [getattr(organisation, f"{kind}_check_{name}") for name in names]
    else:
        check = latest_checks([organisation.translation_key]).get(
            (organisation.translation_key, kind)
        )
        values = [check.ok, check.summary, check.checked_at] if check else [None, "", None]
    return describe(*values)
