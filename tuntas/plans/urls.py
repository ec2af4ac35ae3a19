from django.urls import path

from tuntas.plans import reports, views

app_name = "plans"
urlpatterns = [
    path("", views.sub_activity_list, name="list"),
    path("warnings/", views.warning_list, name="warnings"),
    path("rules/", views.policy_edit, name="policy"),
    path("report/", reports.report_view, name="report"),
    path("import/<slug:kind>/", views.import_data, name="import"),
    path("unit/<int:unit_pk>/", views.unit_plan, name="unit"),
    path("files/<int:pk>/", views.realisation_file, name="realisation_file"),
    path("<int:pk>/", views.sub_activity_detail, name="detail"),
    path("<int:pk>/edit/", views.sub_activity_edit, name="edit"),
    path("<int:pk>/targets/", views.targets_edit, name="targets"),
    path("<int:pk>/realisation/", views.realisation_edit, name="realisation"),
    path("<int:pk>/issue/", views.issue_from_sub, name="issue_from"),
]
