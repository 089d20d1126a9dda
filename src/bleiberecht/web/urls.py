from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from bleiberecht.web.cases.views import home

urlpatterns = [
    path("", home, name="home"),
    path("konto/", include("bleiberecht.web.accounts.urls")),
    path("faelle/", include("bleiberecht.web.cases.urls")),
    path("faelle/", include("bleiberecht.web.consent.urls")),
    path("screening/", include("bleiberecht.web.screening.urls")),
    path("protokoll/", include("bleiberecht.web.audit.urls")),
    path("dossiers/", include("bleiberecht.web.dossiers.urls")),
    path("monitoring/", include("bleiberecht.web.monitoring.urls")),
    path("sprache/", login_not_required(set_language), name="set_language"),
]
