"""Test-wide settings: one hypothesis profile for all property tests.

A generated case is a whole case document (persons, status histories, work, convictions), so drawing one
takes tens of milliseconds; hypothesis' speed health check is meant for cheap strategies and is suppressed.
``PROPERTY_EXAMPLES`` sets how many cases each property sees (CI sets it in ``.ci/run``).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "bleiberecht",
    max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "80")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("bleiberecht")
