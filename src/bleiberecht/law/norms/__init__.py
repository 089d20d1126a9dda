"""One module per norm. ``ALL_NORMS`` is the evaluation order (family derivations after their base)."""

from __future__ import annotations

from ..norm import Norm
from ..review import Review
from . import (
    aufenthg_16g,
    aufenthg_19d,
    aufenthg_19d_1a,
    aufenthg_25_5,
    aufenthg_25a,
    aufenthg_25a_family,
    aufenthg_25b,
    aufenthg_25b_after_60d,
    aufenthg_25b_family,
    aufenthg_60c,
    aufenthg_60d,
    aufenthg_104c,
    review_60b,
    review_employment_ban,
)

ALL_NORMS: tuple[Norm, ...] = (
    aufenthg_25a.NORM,
    aufenthg_25b.NORM,
    aufenthg_25_5.NORM,
    aufenthg_104c.NORM,
    aufenthg_25a_family.NORM,
    aufenthg_25b_family.NORM,
    # training and employment paths (issue 3)
    aufenthg_60d.NORM,
    aufenthg_25b_after_60d.NORM,
    aufenthg_60c.NORM,
    aufenthg_16g.NORM,
    aufenthg_19d.NORM,
    aufenthg_19d_1a.NORM,
)

# review_60b first: review_employment_ban (EB4) reads its reasons
ALL_REVIEWS: tuple[Review, ...] = (review_60b.REVIEW, review_employment_ban.REVIEW)
