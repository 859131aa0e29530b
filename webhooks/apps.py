from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = "Webhooks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms import scheduler

        from . import signals

        signals.connect()
        scheduler.register(
            "prune_webhook_deliveries",
            every=scheduler.DAY,
            run=scheduler.command("prune_webhook_deliveries"),
        )
