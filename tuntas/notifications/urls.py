from django.urls import path

from tuntas.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/open/", views.open_notification, name="open"),
    path("read-all/", views.mark_all_read, name="read_all"),
    path("badge/", views.badge, name="badge"),
    path("deliveries/", views.deliveries, name="deliveries"),
    path("deliveries/<int:pk>/resend/", views.resend, name="resend"),
]
