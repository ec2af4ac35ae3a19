from django.urls import path

from tuntas.org import views

app_name = "org"
urlpatterns = [
    path("", views.home, name="home"),
    path("profile/", views.profile, name="profile"),
    path("organisation/", views.unit_list, name="unit_list"),
    path("organisation/units/new/", views.unit_create, name="unit_create"),
    path("organisation/units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("organisation/units/<int:pk>/edit/", views.unit_edit, name="unit_edit"),
    path(
        "organisation/units/<int:pk>/coordination/",
        views.unit_coordination_add,
        name="unit_coordination_add",
    ),
    path("organisation/people/", views.person_list, name="person_list"),
    path("organisation/people/new/", views.person_create, name="person_create"),
    path("organisation/people/<int:pk>/", views.person_detail, name="person_detail"),
    path("organisation/people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path(
        "organisation/people/<int:pk>/password-link/",
        views.person_send_password_link,
        name="person_password_link",
    ),
    path(
        "organisation/people/<int:pk>/roles/new/", views.assignment_create, name="assignment_create"
    ),
    path("organisation/roles/<int:pk>/edit/", views.assignment_edit, name="assignment_edit"),
    path("organisation/roles/<int:pk>/end/", views.assignment_end, name="assignment_end"),
    path("organisation/government/", views.government_detail, name="government"),
    path("organisation/government/edit/", views.government_edit, name="government_edit"),
    path("organisation/government/logo/", views.government_logo, name="government_logo"),
    path("organisation/import/<slug:kind>/", views.import_data, name="import"),
    path("organisation/working-days/", views.workday_list, name="workdays"),
    path("organisation/working-days/<int:pk>/delete/", views.workday_delete, name="workday_delete"),
]
