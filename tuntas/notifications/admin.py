"""Django admin: inspect notifications and their deliveries (failed ones with their error)."""

from django.contrib import admin

from tuntas.notifications.models import Delivery, Notification


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    readonly_fields = ["channel", "address", "status", "attempts", "last_error", "sent_at"]
    can_delete = False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "title", "read_at"]
    list_filter = ["kind"]
    search_fields = ["title", "recipient__full_name"]
    inlines = [DeliveryInline]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "channel", "address", "status", "attempts", "sent_at"]
    list_filter = ["channel", "status"]
    search_fields = ["address", "last_error"]
    readonly_fields = ["notification", "channel", "address", "attempts", "last_error", "sent_at"]
