from django.urls import path

from tuntas.issues import views

app_name = "issues"
urlpatterns = [
    path("", views.issue_list, name="list"),
    path("export.xlsx", views.issue_export, name="export"),
    path("new/", views.issue_create, name="create"),
    path("requests/", views.request_inbox, name="inbox"),
    path("rules/", views.policy_edit, name="policy"),
    path("categories/", views.category_list, name="categories"),
    path("categories/<int:pk>/edit/", views.category_edit, name="category_edit"),
    path("<int:pk>/", views.issue_detail, name="detail"),
    path("<int:pk>/edit/", views.issue_edit, name="edit"),
    path("<int:pk>/requests/new/", views.request_create, name="request_create"),
    path("<int:pk>/attachments/new/", views.attachment_upload, name="attachment_upload"),
    path("<int:pk>/<slug:action>/", views.issue_transition, name="transition"),
    path("requests/<int:pk>/<slug:action>/", views.request_action, name="request_action"),
    path("files/<int:pk>/", views.attachment_download, name="attachment"),
]
