"""The vocabulary in which norms are written: a norm has requirements, hints and deadlines.

A requirement function returns a :class:`Req` of Polars expressions over the derived-facts frame, so the
same definition evaluates one case or a national caseload. Three-valued throughout: ``ok`` is ``null``
when facts are missing. Time enters as dates: ``met_from`` is the first day the requirement holds (it may
lie after ``as_of`` when only time is missing), ``apply_by`` the last day to file an application.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

import polars as pl

from .params import Params

Consequence = Literal["anspruch", "soll", "kann"]
STATUSES = ("met", "not_met", "unknown", "waivable", "not_applicable")


@dataclass
class Req:
    """One requirement evaluated as expressions (all optional parts default to "no constraint").

    ``waivable``: if not met, the authority may waive it at discretion (status ``waivable``, not blocking).
    ``waived``: the statute itself waives it for this person ("wird abgesehen"): status ``met``.
    ``apply_by``: last day to file; it binds only while no application was filed (``filed_on``).
    """

    ok: pl.Expr
    met_from: pl.Expr | None = None
    applies: pl.Expr | None = None
    waivable: pl.Expr | None = None
    apply_by: pl.Expr | None = None
    filed_on: pl.Expr | None = None
    waived: pl.Expr | None = None
    values: dict[str, pl.Expr] = field(default_factory=dict)


ReqFn = Callable[[Params], Req]
CondFn = Callable[[Params], pl.Expr]


@dataclass(frozen=True)
class Text:
    de: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.de


@dataclass(frozen=True)
class Requirement:
    key: str
    citation: str
    title: Text
    reads: tuple[str, ...]
    actionable: bool
    evidence: tuple[str, ...]
    fn: ReqFn
    explain: dict[str, Text]
    exclusion: bool = False


@dataclass(frozen=True)
class Hint:
    key: str
    citation: str
    text: Text
    when: CondFn
    values: dict[str, CondFn] = field(default_factory=dict)


@dataclass(frozen=True)
class Deadline:
    key: str
    kind: str
    text: Text
    date: CondFn


@dataclass
class Norm:
    """One path out of Duldung, e.g. ``aufenthg_25b`` = § 25b Abs. 1 AufenthG."""

    key: str
    citation: str
    title: Text
    consequence: Consequence
    in_force_from: date
    in_force_until_param: str | None = None
    stage: int = 1
    consequence_fn: CondFn | None = None
    requirements: list[Requirement] = field(default_factory=list)
    hints: list[Hint] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)

    def requirement(
        self,
        key: str,
        citation: str,
        *,
        title: tuple[str, str],
        reads: tuple[str, ...],
        actionable: bool = False,
        evidence: tuple[str, ...] = (),
        explain: dict[str, tuple[str, str]] | None = None,
        exclusion: bool = False,
    ) -> Callable[[ReqFn], ReqFn]:
        """Register a requirement; ``explain`` maps a status (or ``later``) to (German, English) templates."""

        def register(fn: ReqFn) -> ReqFn:
            if any(r.key == key for r in self.requirements):
                raise ValueError(f"{self.key}: requirement {key} defined twice")
            self.requirements.append(
                Requirement(
                    key=key,
                    citation=citation,
                    title=Text(*title),
                    reads=reads,
                    actionable=actionable,
                    evidence=evidence,
                    fn=fn,
                    explain={k: Text(*v) for k, v in (explain or {}).items()},
                    exclusion=exclusion,
                )
            )
            return fn

        return register

    def hint(
        self, key: str, citation: str, de: str, en: str, *, values: dict[str, CondFn] | None = None
    ) -> Callable[[CondFn], CondFn]:
        def register(fn: CondFn) -> CondFn:
            self.hints.append(Hint(key, citation, Text(de, en), fn, values or {}))
            return fn

        return register

    def deadline(self, key: str, kind: str, de: str, en: str) -> Callable[[CondFn], CondFn]:
        def register(fn: CondFn) -> CondFn:
            self.deadlines.append(Deadline(key, kind, Text(de, en), fn))
            return fn

        return register

    def adopt(self, other: Norm, *keys: str, citation_prefix: str = "") -> None:
        """Take over requirements of another norm that apply by reference ("gilt entsprechend")."""
        by_key = {r.key: r for r in other.requirements}
        for key in keys:
            req = by_key[key]
            citation = f"{citation_prefix}{req.citation}" if citation_prefix else req.citation
            self.requirements.append(
                Requirement(
                    key=req.key,
                    citation=citation,
                    title=req.title,
                    reads=req.reads,
                    actionable=req.actionable,
                    evidence=req.evidence,
                    fn=req.fn,
                    explain=req.explain,
                    exclusion=req.exclusion,
                )
            )
