"""Find officials by id, title or name, ignoring case and Vietnamese diacritics."""

from __future__ import annotations

import re
from typing import Literal

from cai_cach.models import Plan, Task
from cai_cach.text import fold

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
    needle = search_text(query).strip()
    if not needle:
        return set()
    found = set()
    for official_id, official in plan.officials.items():
        haystacks = [search_text(official.title), search_text(official.name or "")]
        if fold(official_id) == fold(query).strip() or any(needle in text for text in haystacks):
            found.add(official_id)
    return found


def task_involves(task: Task, officials: set[str], role: Role) -> bool:
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
