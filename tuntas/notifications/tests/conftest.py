from tuntas.notifications.tests.gateway import gateway

__all__ = ["gateway"]
