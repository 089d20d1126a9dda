"""The Polars schema of the nested layout (one row per case), derived from the case v1 JSON Schema.

Writing Parquet and reading JSON Lines with this explicit schema spares Polars the schema inference over every
line (which took about a minute for 120,000 cases) and gives every file the same column types, whichever
optional fields its cases happen to use. Dates stay text (ISO 8601) as in case v1; ``number`` is Float64,
``integer`` Int64. Fields are in the order of the JSON Schema.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import polars as pl

from bleiberecht.casefile.structure import load_schema

_SCALARS: dict[str, pl.DataType] = {
    "string": pl.Utf8(),
    "number": pl.Float64(),
    "integer": pl.Int64(),
    "boolean": pl.Boolean(),
}


def _resolve(node: Mapping[str, Any], defs: Mapping[str, Any]) -> Mapping[str, Any]:
    ref = node.get("$ref")
    if isinstance(ref, str):
        return {
            **_resolve(defs[ref.removeprefix("#/$defs/")], defs),
            **{k: v for k, v in node.items() if k != "$ref"},
        }
    return node


def _properties(node: Mapping[str, Any], defs: Mapping[str, Any]) -> dict[str, Any]:
    """Own properties, with those of ``allOf`` parts first; ``"from": true`` keeps the part's definition."""
    out: dict[str, Any] = {}
    for part in node.get("allOf", []):
        out.update(_properties(_resolve(part, defs), defs))
    for key, sub in node.get("properties", {}).items():
        if sub is True and key in out:
            continue
        out[key] = sub
    return out


def _dtype(node: Any, defs: Mapping[str, Any], where: str) -> pl.DataType:
    if not isinstance(node, Mapping):
        raise ValueError(f"case v1 schema: no type at {where}")
    node = _resolve(node, defs)
    for key in ("oneOf", "anyOf"):
        if key in node:  # "date or null" and the like: the one non-null alternative
            options = [o for o in node[key] if _resolve(o, defs).get("type") != "null"]
            if len(options) != 1:
                raise ValueError(f"case v1 schema: several types at {where}")
            return _dtype(options[0], defs, where)
    kind = node.get("type")
    if isinstance(kind, list):
        kinds = [k for k in kind if k != "null"]
        if len(kinds) != 1:
            raise ValueError(f"case v1 schema: several types at {where}")
        kind = kinds[0]
    if kind is None and ("enum" in node or "const" in node):
        values = [v for v in node.get("enum", [node.get("const")]) if v is not None]
        kind = "string" if all(isinstance(v, str) for v in values) else None
    if kind in _SCALARS:
        return _SCALARS[kind]
    if kind == "array":
        return pl.List(_dtype(node.get("items"), defs, f"{where}[]"))
    if kind == "object" or "properties" in node or "allOf" in node:
        props = _properties(node, defs)
        return pl.Struct([pl.Field(k, _dtype(v, defs, f"{where}.{k}")) for k, v in props.items()])
    raise ValueError(f"case v1 schema: unsupported type {kind!r} at {where}")


@functools.cache
def case_schema() -> dict[str, pl.DataType]:
    """Column name -> Polars type of the nested layout (``format``, ``id``, ``as_of``, ``land``, ``persons`` …)."""
    schema = load_schema()
    root = _dtype(schema, schema["$defs"], "$")
    assert isinstance(root, pl.Struct)
    return {field.name: field.dtype for field in root.fields}


class UnknownField(ValueError):
    """A document has a key the case v1 schema does not know (it would be lost in the nested layout)."""


def _is_nested(dtype: pl.DataType) -> bool:
    return isinstance(dtype, (pl.Struct, pl.List))


def _series(name: str, values: list[Any], dtype: pl.DataType, where: str, prune: bool = False) -> pl.Series:
    """``values`` (Python objects, ``None`` = null) as one column of ``dtype``, built level by level.

    Polars' own conversion of deeply nested dicts (``pl.DataFrame(dicts, schema=…)``, ``read_ndjson``) goes
    value by value through its generic path and is about ten times slower than parsing the JSON; here each
    struct level is read with ``from_dicts`` (flat fields only) and each list level is flattened once.
    """
    if isinstance(dtype, pl.Struct):
        return _struct_series(name, values, dtype, where, prune)
    if isinstance(dtype, pl.List):
        return _list_series(name, values, dtype, where, prune)
    return pl.Series(name, values, dtype=dtype, strict=False)


_EMPTY: dict[str, Any] = {}


def _struct_series(name: str, values: list[Any], dtype: pl.Struct, where: str, prune: bool) -> pl.Series:
    objects = [v if isinstance(v, dict) else _EMPTY for v in values]
    known = {f.name for f in dtype.fields}
    extra = set().union(*(o.keys() for o in objects)) - known
    if extra:
        raise UnknownField(f"{where}.{sorted(extra)[0]}")
    flat = {f.name: f.dtype for f in dtype.fields if not _is_nested(f.dtype)}
    read = pl.from_dicts(objects, schema=flat) if flat else pl.DataFrame(height=len(objects))
    fields = [
        read.get_column(f.name)
        if f.name in flat
        else _series(f.name, [o.get(f.name) for o in objects], f.dtype, f"{where}.{f.name}", prune)
        for f in dtype.fields
    ]
    if prune:  # fields no object has (all null) are left out; a reader takes them as unknown all the same
        kept = [column for column in fields if column.null_count() < len(column)]
        fields = kept or fields[:1]
    present = pl.Series("present", [v is not None for v in values], dtype=pl.Boolean)
    struct = pl.DataFrame(fields).select(pl.struct(pl.all()).alias(name)).to_series()
    if present.all():
        return struct
    return pl.select(pl.when(present).then(struct).alias(name)).to_series()


def _list_series(name: str, values: list[Any], dtype: pl.List, where: str, prune: bool) -> pl.Series:
    lengths = [len(v) if isinstance(v, list) else None for v in values]
    child = _series(
        "item", [item for v in values if isinstance(v, list) for item in v], dtype.inner, f"{where}[]", prune
    )
    # every owner gets at least one row (a placeholder for an empty or null list), so that one ordered group_by
    # gives all lists in order without a join
    owner: list[int] = []
    index: list[int | None] = []
    start = 0
    for i, length in enumerate(lengths):
        if length:
            owner += [i] * length
            index += range(start, start + length)
            start += length
        else:
            owner.append(i)
            index.append(None)
    taken = pl.Series("index", index, dtype=pl.Int64)
    rows = pl.DataFrame({"owner": owner, "item": child.gather(taken), "real": taken.is_not_null()})
    lists = (
        rows.group_by("owner", maintain_order=True)
        .agg(pl.col("item").filter(pl.col("real")))
        .get_column("item")
    )
    known = pl.Series("known", [length is not None for length in lengths], dtype=pl.Boolean)
    return pl.select(pl.when(known).then(lists).alias(name)).to_series().cast(pl.List(child.dtype))


def to_frame(docs: list[dict[str, Any]], *, prune: bool = False) -> pl.DataFrame:
    """Case documents -> the nested layout with `case_schema` (absent keys become nulls).

    ``prune`` leaves out the fields and columns that no document has (``persons`` stays): a file written so
    holds what its cases use, and reads back into dicts twice as fast; absent fields are unknown either way.
    Raises `UnknownField` for a key the schema does not know, so that nothing is silently dropped.
    """
    extra = set().union(*(d.keys() for d in docs)) - case_schema().keys()
    if extra:
        raise UnknownField(f"$.{sorted(extra)[0]}")
    columns = [
        _series(key, [d.get(key) for d in docs], dtype, f"$.{key}", prune)
        for key, dtype in case_schema().items()
    ]
    if prune:
        columns = [c for c in columns if c.name == "persons" or c.null_count() < len(c)]
    return pl.DataFrame(columns)
