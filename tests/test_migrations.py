"""The migrations match the models, and migrating creates every content locale."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.models import Locale

pytestmark = pytest.mark.django_db


def test_no_model_change_lacks_a_migration():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:
        pytest.fail(f"makemigrations --check found missing migrations:\n{out.getvalue()}")
    assert "No changes detected" in out.getvalue()


def test_every_content_language_has_a_locale():
    codes = {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}
    assert codes  # the project is multilingual
    assert codes <= set(Locale.objects.values_list("language_code", flat=True))


def test_migrate_recreates_missing_locales(settings):
    settings.WAGTAIL_CONTENT_LANGUAGES = [*settings.WAGTAIL_CONTENT_LANGUAGES, ("fr", "French")]
    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES
    Locale.objects.filter(language_code="es").delete()
    assert not Locale.objects.filter(language_code__in=["es", "fr"]).exists()

    call_command("migrate", verbosity=0)

    assert {"en", "es", "fr"} <= set(Locale.objects.values_list("language_code", flat=True))
    assert Locale.objects.filter(language_code="es").count() == 1
