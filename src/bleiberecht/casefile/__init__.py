"""Case file v1: reading, structure and meaning checks, precise bilingual issues.

Public API::

    load_case(source, *, lang="de", today=None) -> CaseFile      # raises CaseFileError
    validate_case(source, *, today=None) -> list[Issue]           # never raises on bad data
    load_jsonl(path, *, today=None) -> tuple[list[CaseFile], list[Issue]]
    load_schema() -> dict                                         # the living schema shipped here
"""

from bleiberecht.casefile.issues import CaseFileError, Code, Issue, Severity
from bleiberecht.casefile.load import CaseFile, load_case, load_jsonl, validate_case
from bleiberecht.casefile.reading import CaseSource
from bleiberecht.casefile.references import PATH_KEYS
from bleiberecht.casefile.structure import load_schema

__all__ = [
    "PATH_KEYS",
    "CaseFile",
    "CaseFileError",
    "CaseSource",
    "Code",
    "Issue",
    "Severity",
    "load_case",
    "load_jsonl",
    "load_schema",
    "validate_case",
]
