from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchedulerConfig(AppConfig):
    """Periodic jobs (deadline sweeps, reminders) run by `manage.py scheduler`."""

    name = "tuntas.scheduler"
    label = "scheduler"
    verbose_name = _("Scheduled jobs")
