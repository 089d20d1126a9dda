from __future__ import annotations

from django.urls import path

from bleiberecht.web.screening import views

app_name = "screening"
urlpatterns = [
    path("", views.screening_index, name="index"),
    path("<int:pk>/", views.screening_detail, name="detail"),
    path("<int:pk>/stand/", views.screening_status, name="status"),
    path("<int:pk>/arbeitsliste.xlsx", views.screening_xlsx, name="xlsx"),
    path("<int:pk>/loeschen/", views.screening_delete, name="delete"),
]
