from django.urls import path

from tuntas.dashboards import (
    views_exports,
    views_homes,
    views_map,
    views_measures,
    views_recap,
)

app_name = "dashboards"

urlpatterns: list = [
    path("exports/", views_exports.export_jobs, name="export_jobs"),
    path("exports/<int:pk>/", views_exports.export_job, name="export_job"),
    path("exports/<int:pk>/download/", views_exports.export_download, name="export_download"),
    path("exports/<slug:kind>/", views_exports.export, name="export"),
    path("measures/", views_measures.measures, name="measures"),
    path("measures/xlsx/", views_measures.measures_export, name="measures_xlsx"),
    path("recap/", views_recap.recap, name="recap"),
    path("portfolio/xlsx/", views_homes.portfolio_export, name="portfolio_xlsx"),
    path("assistants/xlsx/", views_homes.assistants_export, name="assistants_xlsx"),
    path("dependency/", views_map.dependency_map, name="dependency"),
    path("dependency/xlsx/", views_map.dependency_export, name="dependency_xlsx"),
    path(
        "dependency/<int:asking>/<int:asked>/",
        views_map.dependency_edge,
        name="dependency_edge",
    ),
]
