"""Media on S3-compatible object storage (cms/media_storage.py), against a real S3 server: moto's
standalone server, started on loopback by these tests. Images and documents are uploaded through
the admin's own views; image URLs are read through /graphql/ and fetched over HTTP, documents
through Wagtail's document view, as readers follow them."""

import io
import json
import logging
import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import boto3
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from moto.server import ThreadedMotoServer
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from cms.media_storage import media_storage
from tests import factories

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent.parent
KEYS = {"MEDIA_S3_ACCESS_KEY_ID": "test-key", "MEDIA_S3_SECRET_ACCESS_KEY": "test-secret"}
DOCUMENT = b"Naloxone reverses an opioid overdose.\n"

HERO = """query ($slug: String!) {
  article(slug: $slug) {
    heroImage {
      url
      rendition(width: 320) { url width }
      srcSet(sizes: [320, 640])
    }
  }
}"""


@pytest.fixture(scope="module")
def s3_server():
    """A real S3 API on loopback (moto's standalone server), for the module's tests."""
    # Its request log (werkzeug's) would drown the test output.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_server, request):
    """A fresh bucket on the server, and a boto3 client to look into it."""
    name = f"media-{request.node.name.replace('_', '-')[:40]}".lower().rstrip("-")
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        region_name="us-east-1",
        aws_access_key_id=KEYS["MEDIA_S3_ACCESS_KEY_ID"],
        aws_secret_access_key=KEYS["MEDIA_S3_SECRET_ACCESS_KEY"],
    )
    client.create_bucket(Bucket=name)
    return name, client


@pytest.fixture
def on_s3(settings, s3_server, bucket):
    """Switch the media storage to the bucket with the given MEDIA_S3_* environment, as the
    settings do from the process environment."""

    def configure(**environ) -> dict:
        environ = {
            "MEDIA_S3_BUCKET": bucket[0],
            "MEDIA_S3_ENDPOINT_URL": s3_server,
            "MEDIA_S3_REGION": "us-east-1",
            **KEYS,
            **environ,
        }
        media = media_storage(environ, cached_for=360)
        settings.STORAGES = {**settings.STORAGES, "default": media.storage}
        settings.WAGTAILDOCS_SERVE_METHOD = media.documents_serve_method
        return media.storage["OPTIONS"]

    return configure


def publish_images(bucket) -> None:
    """The bucket policy README "Media storage" gives for plain URLs: anyone may read originals
    and renditions; documents stay private."""
    name, client = bucket
    client.put_bucket_policy(Bucket=name, Policy=json.dumps(public_images_policy(name)))


def public_images_policy(name: str) -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicImages",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": [
                    f"arn:aws:s3:::{name}/original_images/*",
                    f"arn:aws:s3:::{name}/images/*",
                ],
            }
        ],
    }


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def keys(bucket) -> dict[str, bytes]:
    name, client = bucket
    listing = client.list_objects_v2(Bucket=name).get("Contents", [])
    return {
        item["Key"]: client.get_object(Bucket=name, Key=item["Key"])["Body"].read()
        for item in listing
    }


def fetch(url: str) -> tuple[str, bytes]:
    """GET a URL over HTTP, as a browser following the API's link would."""
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers["Content-Type"], response.read()


def png(width: int = 640, height: int = 480) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (40, 120, 90)).save(buffer, format="PNG")
    return buffer.getvalue()


def upload_image(admin_client, data: bytes):
    response = admin_client.post(
        "/admin/images/add/",
        {"title": "Harbour", "file": SimpleUploadedFile("harbour.png", data, "image/png")},
    )
    assert response.status_code == 302, response.content[:2000]
    return get_image_model().objects.get(title="Harbour")


def upload_document(admin_client, collection=None, title="Naloxone leaflet"):
    collection = collection or Collection.get_first_root_node()
    response = admin_client.post(
        "/admin/documents/add/",
        {
            "title": title,
            "collection": collection.pk,
            "file": SimpleUploadedFile("naloxone.txt", DOCUMENT, "text/plain"),
        },
    )
    assert response.status_code == 302, response.content[:2000]
    return get_document_model().objects.get(title=title)


def decoded(body: bytes) -> PILImage.Image:
    image = PILImage.open(io.BytesIO(body))
    image.load()
    return image


# --- Images -------------------------------------------------------------------------------------


def test_an_image_uploaded_in_the_admin_is_stored_in_the_bucket_and_served_by_signed_urls(
    on_s3, bucket, admin_client, gql
):
    on_s3()  # no custom domain: a private bucket, signed URLs
    original = png()
    image = upload_image(admin_client, original)

    stored = keys(bucket)
    originals = {key: body for key, body in stored.items() if key.startswith("original_images/")}
    assert list(originals.values()) == [original], sorted(stored)
    assert image.file.name in originals
    assert (image.width, image.height) == (640, 480)  # Wagtail read it back from the bucket

    factories.article("harbour-walk", hero_image=image)
    hero = gql(HERO, {"slug": "harbour-walk"})["data"]["article"]["heroImage"]

    # Wagtail made the rendition from the original in the bucket and stored it there too.
    renditions = {key: body for key, body in keys(bucket).items() if key.startswith("images/")}
    assert len(renditions) == 2, sorted(renditions)  # width-320 and width-640 (srcSet)
    rendition_url = hero["rendition"]["url"]
    for url in (hero["url"], rendition_url):
        parts = urlsplit(url)
        assert f"{parts.scheme}://{parts.netloc}" == bucket[1].meta.endpoint_url
        assert parts.path.startswith(f"/{bucket[0]}/")
        assert "X-Amz-Signature=" in parts.query

    content_type, body = fetch(rendition_url)
    assert content_type == "image/png"
    assert body in renditions.values()
    assert decoded(body).size == (320, 240)
    assert hero["rendition"]["width"] == 320

    content_type, body = fetch(hero["url"])
    assert (content_type, body) == ("image/png", original)
    # The bucket is private: only the signature opens it.
    assert status(f"{bucket[1].meta.endpoint_url}/{bucket[0]}/{image.file.name}") == 403

    for candidate in hero["srcSet"].split(", "):
        url, width = candidate.rsplit(" ", 1)
        assert decoded(fetch(url)[1]).width == int(width.rstrip("w"))


def test_with_a_custom_domain_the_api_links_plain_urls_under_it(on_s3, bucket, admin_client, gql):
    # The public base in front of the bucket (a CDN in production): here the bucket's own URL.
    endpoint = bucket[1].meta.endpoint_url
    options = on_s3(MEDIA_S3_CUSTOM_DOMAIN=f"{endpoint}/{bucket[0]}")
    assert options["querystring_auth"] is False
    publish_images(bucket)
    image = upload_image(admin_client, png())
    factories.article("harbour-walk", hero_image=image)

    hero = gql(HERO, {"slug": "harbour-walk"})["data"]["article"]["heroImage"]

    for url in (hero["url"], hero["rendition"]["url"]):
        assert url.startswith(f"{endpoint}/{bucket[0]}/")
        assert "?" not in url
    assert hero["url"] == f"{endpoint}/{bucket[0]}/{image.file.name}"
    content_type, body = fetch(hero["rendition"]["url"])
    assert content_type == "image/png"
    assert decoded(body).size == (320, 240)


def test_two_uploads_with_the_same_name_keep_both_files(on_s3, bucket, admin_client):
    on_s3()
    first = upload_image(admin_client, png(640, 480))
    first.title = "First"
    first.save()
    second = upload_image(admin_client, png(800, 600))

    assert first.file.name != second.file.name
    stored = keys(bucket)
    assert decoded(stored[first.file.name]).size == (640, 480)
    assert decoded(stored[second.file.name]).size == (800, 600)


# --- Documents ----------------------------------------------------------------------------------


def test_a_document_is_stored_in_the_bucket_and_the_document_view_redirects_to_a_signed_url(
    on_s3, bucket, admin_client
):
    on_s3()
    document = upload_document(admin_client)

    assert keys(bucket) == {document.file.name: DOCUMENT}
    assert document.file.name.startswith("documents/")

    response = Client().get(document.url)  # /documents/<id>/naloxone.txt, what links point at
    assert response.status_code == 302
    # A signed redirect is for this reader: no shared cache keeps it past its signature.
    assert response["Cache-Control"] == "private"
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}" == bucket[1].meta.endpoint_url
    assert "X-Amz-Signature=" in location.query
    assert fetch(response["Location"])[1] == DOCUMENT


def test_a_private_document_is_never_redirected_to_the_bucket_for_a_stranger(
    on_s3, bucket, admin_client
):
    on_s3()
    root = Collection.get_first_root_node()
    private = root.add_child(instance=Collection(name="Staff only"))
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = upload_document(admin_client, private)
    assert keys(bucket) == {document.file.name: DOCUMENT}

    stranger = Client().get(document.url)
    assert stranger.status_code == 302
    assert "private" in stranger["Cache-Control"]
    assert "login" in stranger["Location"]
    assert bucket[1].meta.endpoint_url not in stranger["Location"]

    editor = admin_client.get(document.url)
    assert editor.status_code == 302
    assert editor["Location"].startswith(bucket[1].meta.endpoint_url)
    assert fetch(editor["Location"])[1] == DOCUMENT


def test_with_plain_urls_the_document_view_streams_the_file_itself(on_s3, bucket, admin_client):
    """Without signed URLs a redirect would give out a permanent public link, so Wagtail's view
    reads the file from the bucket and serves it, after the same privacy checks."""
    endpoint = bucket[1].meta.endpoint_url
    on_s3(MEDIA_S3_CUSTOM_DOMAIN=f"{endpoint}/{bucket[0]}")
    publish_images(bucket)
    document = upload_document(admin_client)
    assert keys(bucket) == {document.file.name: DOCUMENT}
    # The policy keeps documents/ private: the view is the only way in.
    assert status(f"{endpoint}/{bucket[0]}/{document.file.name}") == 403

    response = Client().get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == DOCUMENT
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


# --- Settings -----------------------------------------------------------------------------------


def test_media_stay_on_the_local_disk_without_a_bucket():
    media = media_storage({"MEDIA_ROOT": "/srv/media"})
    assert media.storage == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert media.documents_serve_method == "serve_view"


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"MEDIA_S3_ENDPOINT_URL": "https://s3.example.org"}, "without MEDIA_S3_BUCKET"),
        (
            {
                "MEDIA_S3_BUCKET": "media",
                "MEDIA_S3_CUSTOM_DOMAIN": "media.example.org",
                "MEDIA_S3_QUERYSTRING_AUTH": "true",
            },
            "serves plain URLs",
        ),
        ({"MEDIA_S3_BUCKET": "media", "MEDIA_S3_QUERYSTRING_EXPIRE": "300"}, "too short"),
        ({"MEDIA_S3_BUCKET": "media", "MEDIA_S3_ACCESS_KEY_ID": "key"}, "or neither"),
        ({"MEDIA_S3_BUCKET": "media", "MEDIA_S3_CUSTOM_DOMAIN": "ftp://media"}, "URL base"),
    ],
)
def test_unsafe_or_incomplete_s3_settings_are_refused(environ, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        media_storage(environ, cached_for=360)


def test_a_custom_domain_without_a_scheme_is_https():
    options = media_storage(
        {"MEDIA_S3_BUCKET": "media", "MEDIA_S3_CUSTOM_DOMAIN": "media.example.org/"}
    ).storage["OPTIONS"]
    assert (options["url_protocol"], options["custom_domain"]) == ("https:", "media.example.org")


def test_the_settings_take_the_storage_from_the_environment():
    """The settings module reads MEDIA_S3_* from the process environment (a fresh process)."""
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("MEDIA_S3_", "DJANGO_SETTINGS_MODULE"))
    }
    environ.update(
        DJANGO_SETTINGS_MODULE="cms.settings.base",
        MEDIA_S3_BUCKET="media",
        MEDIA_S3_ENDPOINT_URL="https://s3.example.org",
    )
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "from django.core.files.storage import storages; d = storages['default']; "
        "print(type(d).__name__, d.bucket_name, d.querystring_auth, s.WAGTAILDOCS_SERVE_METHOD)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["S3Storage", "media", "True", "redirect"]
