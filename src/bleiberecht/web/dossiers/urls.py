from __future__ import annotations

from django.urls import path

from bleiberecht.web.dossiers import views

app_name = "dossiers"
urlpatterns = [
    path("fall/<int:pk>/dossier.<str:fmt>", views.case_dossier, name="case"),
    path("screening/<int:pk>/anschreiben/", views.screening_letters, name="letters"),
]
