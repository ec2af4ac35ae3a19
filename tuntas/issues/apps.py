from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IssuesConfig(AppConfig):
    """Issues (permasalahan): reporting, requests to other units, triage, levels, settling."""

    name = "tuntas.issues"
    label = "issues"
    verbose_name = _("Issues")
