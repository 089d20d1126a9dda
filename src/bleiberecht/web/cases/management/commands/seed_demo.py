from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from bleiberecht.web.demo import seed_demo


class Command(BaseCommand):
    help = "Demo-Organisationen, Demo-Logins und Demo-Fälle anlegen (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        for login in seed_demo():
            self.stdout.write(f"{login.username} / {login.password} ({login.organisation}, {login.role})")
