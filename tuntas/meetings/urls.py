from django.urls import path

from tuntas.meetings import views, views_after

app_name = "meetings"
urlpatterns = [
    # Planning, agenda, invitations and documents (views.py).
    path("", views.meeting_list, name="list"),
    path("series/new/", views.series_create, name="series_create"),
    path("series/<int:pk>/", views.series_detail, name="series_detail"),
    path("series/<int:pk>/edit/", views.series_edit, name="series_edit"),
    path("series/<int:pk>/plan/", views.meeting_plan_view, name="plan"),
    path("new/", views.meeting_create, name="create"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/reschedule/", views.meeting_reschedule_view, name="reschedule"),
    path("<int:pk>/cancel/", views.meeting_cancel_view, name="cancel"),
    path("<int:pk>/agenda/draft/", views.agenda_draft_view, name="agenda_draft"),
    path("<int:pk>/agenda/new/", views.agenda_item_create, name="agenda_item_create"),
    path("agenda/<int:pk>/edit/", views.agenda_item_edit, name="agenda_item_edit"),
    path("agenda/<int:pk>/delete/", views.agenda_item_delete, name="agenda_item_delete"),
    path("agenda/<int:pk>/move/<slug:direction>/", views.agenda_item_move, name="agenda_item_move"),
    path("<int:pk>/invitations/", views.invitation_list, name="invitations"),
    path("<int:pk>/invitations/send/", views.invitations_send_view, name="invitations_send"),
    path("invitations/<int:pk>/reply/", views.invitation_reply_view, name="invitation_reply"),
    path("invitations/<int:pk>/delete/", views.invitation_delete, name="invitation_delete"),
    path("<int:pk>/undangan.pdf", views.invitation_pdf, name="invitation_pdf"),
    path("<int:pk>/undangan.ics", views.invitation_ics, name="invitation_ics"),
    path("<int:pk>/bahan-rapat.pdf", views.briefing_pdf, name="briefing_pdf"),
    path("<int:pk>/daftar-hadir.pdf", views.attendance_pdf, name="attendance_pdf"),
    # During and after: attendance, minutes, action items, calendar (views_after.py).
    path("<int:pk>/attendance/", views_after.attendance_list, name="attendance"),
    path("<int:pk>/attendance/qr/", views_after.attendance_qr, name="attendance_qr"),
    path("check-in/<str:token>/", views_after.check_in, name="check_in"),
    path("attendance/<int:pk>/delete/", views_after.attendance_delete, name="attendance_delete"),
    path("<int:pk>/minutes/", views_after.minutes_edit, name="minutes"),
    path("agenda/<int:pk>/minutes/", views_after.agenda_item_minutes, name="agenda_item_minutes"),
    path("<int:pk>/minutes/finalise/", views_after.minutes_finalise_view, name="minutes_finalise"),
    path("<int:pk>/notula.pdf", views_after.minutes_pdf, name="minutes_pdf"),
    path("actions/", views_after.action_item_list, name="actions"),
    path("actions/<int:pk>/", views_after.action_item_detail, name="action_detail"),
    path("actions/<int:pk>/<slug:action>/", views_after.action_item_update, name="action_update"),
    path("actions/files/<int:pk>/", views_after.action_item_file, name="action_file"),
    path("calendar/", views_after.calendar_settings, name="calendar"),
    path("calendar/<str:token>.ics", views_after.calendar_feed, name="calendar_feed"),
]
