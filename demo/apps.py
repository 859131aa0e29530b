from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo and volume content, and the development admin: the layer above every other, so
    that the domain apps below never depend on what only seeds a database."""

    name = "demo"
    verbose_name = "Demo content"
