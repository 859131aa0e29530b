from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Site operations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import scheduler

        scheduler.register_default_jobs()
