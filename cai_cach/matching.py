"""Find officials by id, title or name, ignoring case and Vietnamese diacritics."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal, Protocol

from cai_cach.text import fold

if TYPE_CHECKING:
    from cai_cach.models import Plan

Role = Literal["lead", "support", "any"]


_NOT_WORD = re.compile(r"[\W_]+")


def search_text(text: str) -> str:
    """``text`` as names are searched: folded, reduced to its words, padded with a space on
    each side so that a whole word is found as ``" hoa " in``: "Văn hoá - Xã hội" →
    " van hoa xa hoi "."""
    return " " + " ".join(_NOT_WORD.split(fold(text))).strip() + " "


def official_ids(plan: Plan, query: str) -> set[str]:
    """Ids of the officials whose id equals ``query``, or whose title or name contains its
    words in order (case, diacritics, NFC/NFD and punctuation do not matter)."""
    named = ((oid, official.title, official.name) for oid, official in plan.officials.items())
    return official_ids_among(named, query)


def official_ids_among(officials: Iterable[tuple[str, str, str | None]], query: str) -> set[str]:
    """``official_ids`` over (id, title, name) triples (a plan's plain summary)."""
    needle = search_text(query).strip()
    if not needle:
        return set()
    found = set()
    for official_id, title, name in officials:
        haystacks = [search_text(title), search_text(name or "")]
        if fold(official_id) == fold(query).strip() or any(needle in text for text in haystacks):
            found.add(official_id)
    return found


class Parties(Protocol):
    """A task's lead and support (a ``Task``, or a summary's ``TaskDues``)."""

    @property
    def lead(self) -> Sequence[str]: ...

    @property
    def support(self) -> Sequence[str]: ...


def task_involves(task: Parties, officials: set[str], role: Role) -> bool:
    """Whether one of ``officials`` leads ``task`` (role "lead"), coordinates it ("support"),
    or either ("any")."""
    if role == "lead":
        people = set(task.lead)
    elif role == "support":
        people = set(task.support)
    else:
        people = {*task.lead, *task.support}
    return bool(people & officials)


def section_matches(section_id: str, query: str) -> bool:
    return fold(section_id).strip(". ") == fold(query).strip(". ")
