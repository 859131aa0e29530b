from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = "Community"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms import scheduler

        scheduler.register(
            "purge_comment_personal_data",
            every=scheduler.DAY,
            run=scheduler.command("purge_comment_personal_data"),
        )
