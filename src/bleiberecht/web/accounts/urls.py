from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from bleiberecht.web.accounts import membership_views as mv
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
    path("mitglieder/<int:org>/neu/", mv.member_create, name="member_create"),
    path("mitgliedschaft/<int:pk>/", mv.member_detail, name="member"),
    path("mitgliedschaft/<int:pk>/rolle/", mv.member_role, name="member_role"),
    path("mitgliedschaft/<int:pk>/aktiv/", mv.member_active, name="member_active"),
    path("mitgliedschaft/<int:pk>/entfernen/", mv.member_remove, name="member_remove"),
    path("mitgliedschaft/<int:pk>/zwei-faktor/", mv.member_totp_reset, name="member_totp_reset"),
    path("mitgliedschaft/<int:pk>/passwort-link/", mv.member_password_link, name="member_password_link"),
    path("organisation/", mv.switch_organisation, name="switch_organisation"),
    path("passwort-setzen/", mv.set_password, name="set_password"),
    path("sitzung/", views.session_keepalive, name="session_keepalive"),
]
