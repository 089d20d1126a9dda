"""One module per norm. ``ALL_NORMS`` is the evaluation order (family derivations after their base)."""

from __future__ import annotations

from ..norm import Norm
from ..review import Review
from . import (
    aufenthg_25_5,
    aufenthg_25a,
    aufenthg_25a_family,
    aufenthg_25b,
    aufenthg_25b_family,
    aufenthg_104c,
)

ALL_NORMS: tuple[Norm, ...] = (
    aufenthg_25a.NORM,
    aufenthg_25b.NORM,
    aufenthg_25_5.NORM,
    aufenthg_104c.NORM,
    aufenthg_25a_family.NORM,
    aufenthg_25b_family.NORM,
)

ALL_REVIEWS: tuple[Review, ...] = ()
