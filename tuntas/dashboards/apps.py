from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    """Dashboards: the measures of coordination, the dependency map, recaps and exports."""

    name = "tuntas.dashboards"
    label = "dashboards"
    verbose_name = _("Dashboards")
