from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class SnippetsConfig(AppConfig):
    name = "snippets"
    verbose_name = "Directory"

    def ready(self):
        from wagtail.models import Locale

        from .localisation import forget_locales

        post_save.connect(forget_locales, sender=Locale, dispatch_uid="forget_locales_save")
        post_delete.connect(forget_locales, sender=Locale, dispatch_uid="forget_locales_delete")
