from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_migrate


def ensure_content_locales(sender, using="default", **kwargs):
    """Create a Locale for every language in WAGTAIL_CONTENT_LANGUAGES after each migrate.

    Languages come from settings (and so from the environment): adding one needs no code change
    and no migration, only ``manage.py migrate``.
    """
    from wagtail.models import Locale

    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.using(using).get_or_create(language_code=code)


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Pages"

    def ready(self):
        post_migrate.connect(ensure_content_locales, sender=self)
        from .translation_labels import install

        install()
