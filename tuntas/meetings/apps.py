from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    """Coordination meetings: series, agenda, invitations, attendance, minutes, action items."""

    name = "tuntas.meetings"
    label = "meetings"
    verbose_name = _("Coordination meetings")
