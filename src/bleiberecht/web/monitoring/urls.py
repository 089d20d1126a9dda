from __future__ import annotations

from django.urls import path

from bleiberecht.web.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("", views.monitoring_index, name="index"),
    path("export.csv", views.monitoring_csv, name="csv"),
    path("export.xlsx", views.monitoring_xlsx, name="xlsx"),
]
