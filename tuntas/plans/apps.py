from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    """Work plans: the budget structure, sub kegiatan with targets and realisation, deviation."""

    name = "tuntas.plans"
    label = "plans"
    verbose_name = _("Work plans")
