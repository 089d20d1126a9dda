"""A readable diff of two case documents: one change per JSON path (added, removed, changed).

Lists are compared by position, except lists of objects with an ``id`` (persons), which are compared by id so
that removing the first person does not show every other person as changed.
"""

from __future__ import annotations

from typing import Any, TypedDict


class Change(TypedDict):
    path: str
    kind: str  # added / removed / changed
    old: Any
    new: Any


def _key(part: str | int) -> str:
    if isinstance(part, int):
        return f"[{part}]"
    return f".{part}" if part.isidentifier() else f"[{part!r}]"


def _by_id(items: list[Any]) -> dict[str, Any] | None:
    if items and all(isinstance(i, dict) and isinstance(i.get("id"), str) for i in items):
        ids = [i["id"] for i in items]
        if len(set(ids)) == len(ids):
            return {i["id"]: i for i in items}
    return None


def _walk(old: Any, new: Any, path: str, out: list[Change]) -> None:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in list(old) + [k for k in new if k not in old]:
            sub = path + _key(key)
            if key not in new:
                out.append(Change(path=sub, kind="removed", old=old[key], new=None))
            elif key not in old:
                out.append(Change(path=sub, kind="added", old=None, new=new[key]))
            else:
                _walk(old[key], new[key], sub, out)
        return
    if isinstance(old, list) and isinstance(new, list):
        old_ids, new_ids = _by_id(old), _by_id(new)
        if old_ids is not None and new_ids is not None:
            for key in list(old_ids) + [k for k in new_ids if k not in old_ids]:
                sub = f"{path}[id={key}]"
                if key not in new_ids:
                    out.append(Change(path=sub, kind="removed", old=old_ids[key], new=None))
                elif key not in old_ids:
                    out.append(Change(path=sub, kind="added", old=None, new=new_ids[key]))
                else:
                    _walk(old_ids[key], new_ids[key], sub, out)
            return
        for i in range(max(len(old), len(new))):
            sub = f"{path}[{i}]"
            if i >= len(new):
                out.append(Change(path=sub, kind="removed", old=old[i], new=None))
            elif i >= len(old):
                out.append(Change(path=sub, kind="added", old=None, new=new[i]))
            else:
                _walk(old[i], new[i], sub, out)
        return
    if old != new or type(old) is not type(new):
        out.append(Change(path=path, kind="changed", old=old, new=new))


def diff(old: dict[str, Any] | None, new: dict[str, Any]) -> list[Change]:
    """Every change from ``old`` to ``new``; ``old=None`` (a new case) gives one ``added`` for the document."""
    if old is None:
        return [Change(path="$", kind="added", old=None, new=None)]
    out: list[Change] = []
    _walk(old, new, "$", out)
    return out
