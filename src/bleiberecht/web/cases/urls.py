from __future__ import annotations

from django.urls import path

from bleiberecht.web.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("neu/", views.case_create, name="create"),
    path("import/", views.case_import, name="import"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/wege/<int:person>/<slug:path>/", views.case_path, name="path"),
    path("<int:pk>/zustaendig/", views.set_responsible, name="responsible"),
    path("<int:pk>/bearbeiten/<slug:slug>/", views.case_section, name="section"),
    path("<int:pk>/bearbeiten/<slug:slug>/pruefen/", views.case_section_check, name="section_check"),
    path("<int:pk>/import/", views.case_import, name="reimport"),
    path("<int:pk>/export.json", views.case_export, name="export"),
    path("<int:pk>/versionen/", views.case_history, name="history"),
    path("<int:pk>/loeschen/", views.case_delete, name="delete"),
]
