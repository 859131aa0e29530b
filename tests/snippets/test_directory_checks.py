"""Automated directory checks (snippets/checks.py) against real servers on loopback, started
here: HTTP servers (200, a redirect to another host, 404), a TLS server with a self-signed
certificate, a DNS server (dnslib) answering MX and A records, and an SMTP server (aiosmtpd)
that answers EHLO. The checks run through ``manage.py check_directory`` and the scheduled task;
the results are read where editors read them, in the "Directory verification" report."""

import csv
import datetime
import html
import http.server
import io
import socket
import ssl
import threading

import pytest
from aiosmtpd.controller import Controller
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.contrib.auth.models import Permission
from django.core.management import call_command
from dnslib import MX, QTYPE, RR, A
from dnslib.server import BaseResolver, DNSServer

from cms import scheduler
from snippets.checks import run_directory_checks
from snippets.models import OrganisationCheck
from tests import factories

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/directory-verification/"


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        port = self.server.server_address[1]
        if self.path == "/ok":
            self.reply(200, b"fine")
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", f"http://www.elsewhere.test:{port}/ok")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.reply(404, b"gone")

    def reply(self, status, body):
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def self_signed(tmp_path):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "www.checks.test")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("www.checks.test")]), False)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


def serve(server):
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


@pytest.fixture
def web(tmp_path):
    plain = serve(http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler))
    tls = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*self_signed(tmp_path))
    tls.socket = context.wrap_socket(tls.socket, server_side=True)
    serve(tls)
    yield {"http": plain.server_address[1], "https": tls.server_address[1]}
    for server in (plain, tls):
        server.shutdown()
        server.server_close()


class Zone(BaseResolver):
    """checks.test takes mail at mail.checks.test; fallback.test has no MX but an A record;
    every other name under .test is NXDOMAIN, except the web hosts, all on 127.0.0.1."""

    addresses = {"mail.checks.test.", "www.checks.test.", "www.elsewhere.test.", "fallback.test."}
    empty = {"checks.test.", "empty.test.", "nullmx.test."}  # exist, no A records

    def resolve(self, request, handler):
        reply = request.reply()
        name = str(request.q.qname).lower()
        qtype = QTYPE[request.q.qtype]
        if name == "checks.test." and qtype == "MX":
            reply.add_answer(RR(name, QTYPE.MX, rdata=MX("mail.checks.test.", 10), ttl=60))
        elif name == "nullmx.test." and qtype == "MX":
            reply.add_answer(RR(name, QTYPE.MX, rdata=MX(".", 0), ttl=60))
        elif name in self.addresses and qtype == "A":
            reply.add_answer(RR(name, QTYPE.A, rdata=A("127.0.0.1"), ttl=60))
        elif name not in self.addresses and name not in self.empty:
            reply.header.rcode = 3  # NXDOMAIN
        return reply


def free_port(kind=socket.SOCK_DGRAM) -> int:
    with socket.socket(socket.AF_INET, kind) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class AcceptAll:
    async def handle_DATA(self, server, session, envelope):  # never reached: no mail is sent
        raise AssertionError("a check sent mail")


@pytest.fixture
def network(settings, web):
    port = free_port()
    dns_server = DNSServer(Zone(), port=port, address="127.0.0.1")
    dns_server.start_thread()
    smtp_port = free_port(socket.SOCK_STREAM)
    smtp = Controller(AcceptAll(), hostname="127.0.0.1", port=smtp_port)
    smtp.start()
    settings.DIRECTORY_CHECKS_DNS = f"127.0.0.1:{port}"
    settings.DIRECTORY_CHECKS_SMTP_PORT = smtp_port
    settings.DIRECTORY_CHECKS_ALLOW_PRIVATE = True
    settings.DIRECTORY_CHECKS_TIMEOUT = 2
    yield web
    smtp.stop()
    dns_server.stop()


def organisation(name, website="", email=""):
    return factories.organisation(name, website=website, email=email, contact_note="Walk in.")


def report_row(admin_client, name) -> str:
    page = html.unescape(admin_client.get(REPORT).content.decode())
    start = page.index(name)
    return " ".join(page[start : page.index("</tr>", start)].split())


def test_checks_show_each_outcome_in_the_verification_report(admin_client, network):
    web = network
    up = organisation("Up Outreach", f"http://www.checks.test:{web['http']}/ok", "help@checks.test")
    moved = organisation(
        "Moved Outreach", f"http://www.checks.test:{web['http']}/moved", "help@fallback.test"
    )
    missing = organisation(
        "Missing Outreach", f"http://127.0.0.1:{web['http']}/missing", "help@nowhere.test"
    )
    tls = organisation("Shaky TLS", f"https://www.checks.test:{web['https']}/ok")
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        refused_port = closed.getsockname()[1]
    refused = organisation("Refusing", f"http://127.0.0.1:{refused_port}/")

    out = io.StringIO()
    call_command("check_directory", "--all", stdout=out)
    assert "Checked 5 organisation(s)." in out.getvalue()

    up_row = report_row(admin_client, "Up Outreach")
    assert "OK: HTTP 200" in up_row
    assert "OK: mail.checks.test accepts connections (found by MX)" in up_row

    moved_row = report_row(admin_client, "Moved Outreach")
    final = f"http://www.elsewhere.test:{web['http']}/ok"
    assert f"OK: HTTP 200, redirected to another host: {final}" in moved_row
    # No MX: the domain's own A record receives mail (RFC 5321 §5.1).
    assert "OK: fallback.test accepts connections (found by A/AAAA)" in moved_row
    check = OrganisationCheck.objects.get(translation_key=moved.translation_key, kind="website")
    assert check.details["final_url"] == final and check.details["host_changed"] is True
    assert [hop["status"] for hop in check.details["hops"]] == [301, 200]

    missing_row = report_row(admin_client, "Missing Outreach")
    assert "Failed: HTTP 404" in missing_row
    assert "Failed: nowhere.test does not exist" in missing_row

    tls_row = report_row(admin_client, "Shaky TLS")
    assert "Failed: TLS error: self-signed certificate" in tls_row
    assert "—" in tls_row  # no email to check

    assert "Failed: Connection refused" in report_row(admin_client, "Refusing")

    export = admin_client.get(REPORT, {"export": "csv"})
    rows = {
        row["Name"]: row
        for row in csv.DictReader(
            io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))
        )
    }
    assert rows["Shaky TLS"]["Website check"].startswith("Failed: TLS error: self-signed")
    assert rows["Up Outreach"]["Email check"].startswith("OK: mail.checks.test accepts")

    for org in (up, moved, missing, tls, refused):
        assert OrganisationCheck.objects.filter(translation_key=org.translation_key).exists()


def test_private_targets_are_refused_unless_allowed(admin_client, network, settings):
    settings.DIRECTORY_CHECKS_ALLOW_PRIVATE = False
    organisation("Loopback Outreach", f"http://127.0.0.1:{network['http']}/ok", "help@checks.test")
    call_command("check_directory", "--all", stdout=io.StringIO())
    row = report_row(admin_client, "Loopback Outreach")
    assert "Failed: 127.0.0.1 resolves to a private or reserved address (127.0.0.1)" in row
    assert "No mail server answered (mail.checks.test resolves to a private" in row


def test_the_daily_task_checks_the_longest_unchecked_first_and_keeps_bounded_history(
    network, settings
):
    settings.DIRECTORY_CHECKS_BATCH = 1
    settings.DIRECTORY_CHECKS_KEEP = 2
    first = organisation("First", f"http://www.checks.test:{network['http']}/ok")
    second = organisation("Second", f"http://www.checks.test:{network['http']}/missing")
    assert scheduler.JOBS["directory_checks"].every == scheduler.DAY

    run_directory_checks.enqueue()  # the immediate backend in tests: runs now
    checked = set(OrganisationCheck.objects.values_list("translation_key", flat=True))
    assert len(checked) == 1
    run_directory_checks.enqueue()
    checked = set(OrganisationCheck.objects.values_list("translation_key", flat=True))
    assert checked == {first.translation_key, second.translation_key}

    for _ in range(4):
        run_directory_checks.enqueue()
    for org in (first, second):
        assert OrganisationCheck.objects.filter(translation_key=org.translation_key).count() == 2


def test_the_report_reads_the_latest_checks_without_a_query_per_row(
    admin_client, network, django_assert_max_num_queries
):
    for number in range(3):
        organisation(f"Org {number}", f"http://www.checks.test:{network['http']}/ok")
    call_command("check_directory", "--all", stdout=io.StringIO())
    admin_client.get(REPORT)
    with django_assert_max_num_queries(40) as few:
        admin_client.get(REPORT)
    for number in range(3, 9):
        organisation(f"Org {number}", f"http://www.checks.test:{network['http']}/ok")
    call_command("check_directory", "--all", stdout=io.StringIO())
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = admin_client.get(REPORT).content.decode()
    assert page.count("OK: HTTP 200") == 9


def test_check_now_on_the_verification_page(admin_client, network, django_user_model):
    org = organisation("Now Outreach", f"http://www.checks.test:{network['http']}/ok")
    page = f"/admin/directory/organisations/{org.pk}/verify/"
    before = admin_client.get(page).content.decode()
    assert "Website: Not checked" in before and "Email: —" in before
    check_now = f"/admin/directory/organisations/{org.pk}/check/"
    assert check_now in before
    response = admin_client.post(check_now)
    assert response.status_code == 302
    after = admin_client.get(response["Location"]).content.decode()
    assert "Website: OK: HTTP 200" in after
    edit = admin_client.get(f"/admin/snippets/snippets/organisation/edit/{org.pk}/")
    panel = html.unescape(edit.content.decode())
    assert "Website: OK: HTTP 200" in panel[panel.index("data-latest-checks") :]

    viewer = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="access_admin"))
    admin_client.force_login(viewer)
    checks = OrganisationCheck.objects.count()
    # Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard.
    refused = admin_client.post(check_now)
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert OrganisationCheck.objects.count() == checks


def test_domains_that_take_no_mail_and_servers_that_never_answer(admin_client, network):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # connections complete in the kernel; nothing ever answers
    try:
        organisation("Empty Domain", email="help@empty.test")
        organisation("Null MX", email="help@nullmx.test")
        organisation("Silent Site", f"http://127.0.0.1:{silent.getsockname()[1]}/")
        call_command("check_directory", "--all", stdout=io.StringIO())
    finally:
        silent.close()
    assert "Failed: empty.test does not resolve" in report_row(admin_client, "Empty Domain")
    assert "Failed: nullmx.test accepts no mail (null MX)" in report_row(admin_client, "Null MX")
    assert "Failed: Timed out after 2 s" in report_row(admin_client, "Silent Site")
