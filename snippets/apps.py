from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class SnippetsConfig(AppConfig):
    name = "snippets"
    verbose_name = "Directory"

    def ready(self):
        from wagtail.models import Locale

        from cms import scheduler

        from .checks import run_directory_checks
        from .localisation import forget_locales
        from .models import Organisation, forget_deleted
        from .verification import send_verification_digest

        post_save.connect(forget_locales, sender=Locale, dispatch_uid="forget_locales_save")
        post_delete.connect(forget_locales, sender=Locale, dispatch_uid="forget_locales_delete")
        post_delete.connect(forget_deleted, sender=Organisation, dispatch_uid="forget_deleted")
        scheduler.register(
            "directory_verification_digest", every=scheduler.WEEK, run=send_verification_digest
        )
        scheduler.register("directory_checks", every=scheduler.DAY, run=run_directory_checks)
