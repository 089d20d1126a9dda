"""Meaning checks on references: person ids, family links, households, application path keys, job offers."""

from __future__ import annotations

from collections.abc import Iterator

from bleiberecht.casefile.document import as_dict, as_list, items, person_id, person_label, persons
from bleiberecht.casefile.issues import Code, Issue, Loc, error, warning

# The path keys of the result format (result-v1.md, "Path keys").
PATH_KEYS: frozenset[str] = frozenset(
    {
        "aufenthg_25a",
        "aufenthg_25a_family",
        "aufenthg_25b",
        "aufenthg_25b_family",
        "aufenthg_25b_after_60d",
        "aufenthg_25_5",
        "aufenthg_60c",
        "aufenthg_16g",
        "aufenthg_19d",
        "aufenthg_19d_1a",
        "aufenthg_60d",
        "aufenthg_104c",
    }
)


def check_references(doc: object) -> Iterator[Issue]:
    index_by_id: dict[str, int] = {}
    for index, person in persons(doc):
        pid = person_id(person)
        if pid is None:
            continue
        if pid in index_by_id:
            first = index_by_id[pid]
            yield error(
                ("persons", index, "id"),
                Code.DUPLICATE_PERSON_ID,
                f"Die Personen-ID '{pid}' kommt mehrfach vor (schon bei Person Nr. {first + 1}). "
                "Jede Person braucht eine eigene ID.",
                f"The person id '{pid}' occurs more than once (already at person no. {first + 1}). "
                "Each person needs an id of their own.",
            )
        else:
            index_by_id[pid] = index
    known = ", ".join(index_by_id) or "–"
    all_persons = as_list(as_dict(doc).get("persons"))

    for index, person in persons(doc):
        who_de, who_en = person_label(index, person)
        pid = person_id(person)
        spouse = person.get("spouse_id")
        if isinstance(spouse, str):
            loc: Loc = ("persons", index, "spouse_id")
            link = _link_issue(loc, who_de, who_en, pid, spouse, index_by_id, known, "Ehegatte", "spouse")
            if link is not None:
                yield link
            elif pid is not None:
                partner = as_dict(all_persons[index_by_id[spouse]])
                back = partner.get("spouse_id")
                if back != pid:
                    back_de = f"'{back}' als Ehegatten" if isinstance(back, str) else "keinen Ehegatten"
                    back_en = f"'{back}' as spouse" if isinstance(back, str) else "no spouse"
                    yield warning(
                        loc,
                        Code.SPOUSE_NOT_MUTUAL,
                        f"{who_de} nennt '{spouse}' als Ehegatten, aber '{spouse}' nennt {back_de}. "
                        "Bitte beide Einträge prüfen.",
                        f"{who_en} names '{spouse}' as spouse, but '{spouse}' names {back_en}. "
                        "Please check both entries.",
                    )
        for pos, parent in enumerate(as_list(person.get("parent_ids"))):
            if isinstance(parent, str):
                issue = _link_issue(
                    ("persons", index, "parent_ids", pos),
                    who_de,
                    who_en,
                    pid,
                    parent,
                    index_by_id,
                    known,
                    "Elternteil",
                    "parent",
                )
                if issue is not None:
                    yield issue
        for pos, application in items(person, "applications"):
            key = application.get("path")
            if isinstance(key, str) and key not in PATH_KEYS:
                allowed = ", ".join(sorted(PATH_KEYS))
                yield error(
                    ("persons", index, "applications", pos, "path"),
                    Code.UNKNOWN_PATH_KEY,
                    f"{who_de}: Unbekannter Weg '{key}' im Antrag. Erlaubte Werte: {allowed}.",
                    f"{who_en}: Unknown path '{key}' in application. Allowed values: {allowed}.",
                )

        offers = len(as_list(person.get("job_offers")))
        for pos, request in items(person, "employment_permission_requests"):
            ref = request.get("job_offer")
            if isinstance(ref, int) and not isinstance(ref, bool) and ref >= offers:
                yield error(
                    ("persons", index, "employment_permission_requests", pos, "job_offer"),
                    Code.UNKNOWN_JOB_OFFER,
                    f"{who_de}: Der Antrag auf Beschäftigungserlaubnis verweist auf Arbeitsangebot Nr. {ref} "
                    f"(gezählt ab 0), aber es gibt nur {offers} Einträge in 'job_offers'.",
                    f"{who_en}: The employment permission request refers to job offer no. {ref} (counted "
                    f"from 0), but 'job_offers' has only {offers} entries.",
                )

    yield from _check_households(doc, index_by_id, known)


def _link_issue(
    loc: Loc,
    who_de: str,
    who_en: str,
    pid: str | None,
    target: str,
    index_by_id: dict[str, int],
    known: str,
    role_de: str,
    role_en: str,
) -> Issue | None:
    if target == pid:
        return error(
            loc,
            Code.SELF_REFERENCE,
            f"{who_de} ist als eigener {role_de} eingetragen.",
            f"{who_en} is entered as their own {role_en}.",
        )
    if target not in index_by_id:
        return error(
            loc,
            Code.UNKNOWN_PERSON_ID,
            f"{who_de}: Als {role_de} ist '{target}' eingetragen, aber keine Person hat diese ID. "
            f"Vorhandene IDs: {known}.",
            f"{who_en}: '{target}' is entered as {role_en}, but no person has this id. Known ids: {known}.",
        )
    return None


def _check_households(doc: object, index_by_id: dict[str, int], known: str) -> Iterator[Issue]:
    household_of: dict[str, int] = {}
    for h_index, household in items(as_dict(doc), "households"):
        seen_here: set[str] = set()
        for m_index, member in enumerate(as_list(household.get("members"))):
            if not isinstance(member, str):
                continue
            loc: Loc = ("households", h_index, "members", m_index)
            where_de, where_en = f"Haushalt Nr. {h_index + 1}", f"Household no. {h_index + 1}"
            if member not in index_by_id:
                yield error(
                    loc,
                    Code.UNKNOWN_PERSON_ID,
                    f"{where_de}: Mitglied '{member}' ist keine Person dieses Falls. "
                    f"Vorhandene IDs: {known}.",
                    f"{where_en}: member '{member}' is not a person of this case. Known ids: {known}.",
                )
            elif member in seen_here:
                yield error(
                    loc,
                    Code.DUPLICATE_HOUSEHOLD_MEMBER,
                    f"{where_de}: Person '{member}' ist doppelt eingetragen.",
                    f"{where_en}: person '{member}' is listed twice.",
                )
            elif member in household_of:
                first = household_of[member]
                yield error(
                    loc,
                    Code.PERSON_IN_TWO_HOUSEHOLDS,
                    f"{where_de}: Person '{member}' gehört schon zu Haushalt Nr. {first + 1}. "
                    "Eine Person kann nur in einem Haushalt leben.",
                    f"{where_en}: person '{member}' already belongs to household no. {first + 1}. "
                    "A person can live in one household only.",
                )
            else:
                household_of[member] = h_index
            seen_here.add(member)
