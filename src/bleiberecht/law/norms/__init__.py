"""One module per norm. ``ALL_NORMS`` is the evaluation order (family derivations after their base)."""

from __future__ import annotations

from ..norm import Norm
from . import aufenthg_25b

ALL_NORMS: tuple[Norm, ...] = (aufenthg_25b.NORM,)
