from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from bleiberecht.web.accounts import views

app_name = "accounts"
urlpatterns = [
    path(
        "anmelden/",
        auth_views.LoginView.as_view(template_name="accounts/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("zwei-faktor/", views.totp_verify, name="totp_verify"),
    path("zwei-faktor/einrichten/", views.totp_setup, name="totp_setup"),
    path("mitglieder/", views.members, name="members"),
]
