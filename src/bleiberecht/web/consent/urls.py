from __future__ import annotations

from django.urls import path

from bleiberecht.web.consent import views

app_name = "consent"
urlpatterns = [
    path("<int:pk>/weitergabe/", views.sharing, name="sharing"),
    path("<int:pk>/weitergabe/einwilligung/<int:consent_pk>/widerrufen/", views.revoke, name="revoke"),
    path("<int:pk>/weitergabe/<int:share_pk>/beenden/", views.unshare, name="unshare"),
]
