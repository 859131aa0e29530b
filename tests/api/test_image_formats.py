"""Modern image formats: each allowed width also as WebP and AVIF, through srcSet(format) and
rendition(format), as a frontend's <picture> asks for them over /graphql/."""

import pytest
from PIL import Image as PILImage
from wagtail.images.models import Image, Rendition
from wagtail.images.tests.utils import get_test_image_file

from tests import factories

pytestmark = pytest.mark.django_db

PICTURE = """query ($slug: String!) {
  article(slug: $slug) {
    heroImage {
      avif: srcSet(sizes: [320, 640], format: "avif")
      webp: srcSet(sizes: [320, 640], format: "webp")
      fallback: srcSet(sizes: [320, 640])
      rendition(width: 320, format: "avif") { url width }
    }
  }
}"""


@pytest.fixture
def hero():
    image = Image.objects.create(title="Kit", file=get_test_image_file(size=(800, 600)))
    factories.article("with-hero", hero_image=image)
    return image


def test_each_width_is_served_as_avif_and_webp(gql, hero):
    image = gql(PICTURE, {"slug": "with-hero"})["data"]["article"]["heroImage"]
    for name, extension in (("avif", ".avif"), ("webp", ".webp"), ("fallback", ".png")):
        candidates = [candidate.split(" ") for candidate in image[name].split(", ")]
        assert [width for _url, width in candidates] == ["320w", "640w"], image[name]
        assert all(url.endswith(extension) for url, _width in candidates), image[name]
    assert image["rendition"]["width"] == 320
    assert image["rendition"]["url"].endswith(".avif")
    # Real AVIF files, encoded by Pillow's own codec.
    avif = Rendition.objects.get(image=hero, filter_spec="width-320|format-avif")
    with avif.file.open("rb") as file, PILImage.open(file) as decoded:
        assert decoded.format == "AVIF"
        assert decoded.size == (320, 240)
    assert Rendition.objects.filter(image=hero, filter_spec__endswith="format-avif").count() == 2


def test_formats_outside_the_allowed_filters_are_refused(gql, hero):
    query = """query ($slug: String!) { article(slug: $slug) {
      heroImage { rendition(width: 321, format: "avif") { url } } } }"""
    body = gql(query, {"slug": "with-hero"}, errors=True)
    assert body["errors"][0]["extensions"]["code"] == "IMAGE_FILTER_NOT_ALLOWED"
    # srcSet leaves out the sizes it may not make, and makes nothing for them.
    query = """query ($slug: String!) { article(slug: $slug) {
      heroImage { srcSet(sizes: [321, 640], format: "avif") } } }"""
    src_set = gql(query, {"slug": "with-hero"})["data"]["article"]["heroImage"]["srcSet"]
    assert src_set.endswith(" 640w") and "321w" not in src_set
    assert not Rendition.objects.filter(filter_spec__startswith="width-321").exists()
