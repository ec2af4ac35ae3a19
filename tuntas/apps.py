from django.apps import AppConfig


class TuntasConfig(AppConfig):
    """Project-wide template tags and locale."""

    name = "tuntas"
    verbose_name = "Tuntas"
