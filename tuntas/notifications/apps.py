from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Telling people things: the in-app inbox and recorded email deliveries."""

    name = "tuntas.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
