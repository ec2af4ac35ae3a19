from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    """Organisation: government, units, people and their roles."""

    name = "tuntas.org"
    label = "org"
    verbose_name = _("Organisation")
