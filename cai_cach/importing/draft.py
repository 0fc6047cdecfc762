"""The draft plan the importer builds: what the document says, and what the clerk must check.

Every guess is a note on the thing it concerns (written as a ``# xem lại: …`` comment); text
that fitted nowhere is kept in ``Draft.unplaced`` (written as ``# chưa xếp: …``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

REVIEW = "xem lại"
UNPLACED = "chưa xếp"


@dataclass
class Party:
    """A responsible official or unit, as the document names it."""

    id: str
    title: str
    group: bool
    note: str | None = None


@dataclass
class DraftMilestone:
    what: str
    due: str


@dataclass
class DraftRecurrence:
    what: str
    every: str
    due_day: int | None = None


@dataclass
class DraftTask:
    id: str
    title: str
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    products: str | None = None
    timeline: str | None = None
    ongoing: bool = False
    as_instructed: bool = False
    milestones: list[DraftMilestone] = field(default_factory=list)
    recurring: list[DraftRecurrence] = field(default_factory=list)
    recipient: str | None = None
    internal: bool = False
    notes: list[str] = field(default_factory=list)  # review comments for this task
    has_fields: bool = False


@dataclass
class DraftSection:
    id: str
    title: str
    objectives: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    tasks: list[DraftTask] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Issuance:
    """The issuing document (a decision, or the plan issued directly): what its header and
    signature say. ``None`` is "not read" — never filled with a guess."""

    kind: str = ""  # "QĐ" or "KH"
    number: str | None = None
    date: date | None = None
    place: str | None = None
    title: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    authority: str | None = None
    grounds: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)


@dataclass
class Draft:
    """Everything the importer found, and what the clerk should review."""

    agency_name: str = ""
    agency_place: str = ""
    parent: str | None = None
    title: str = ""
    year: int = 0
    start: date | None = None
    end: date | None = None
    decision: Issuance | None = None
    document: Issuance | None = None
    purposes: list[str] = field(default_factory=list)
    requirements: list[str] = field(default_factory=list)
    parties: dict[str, Party] = field(default_factory=dict)
    party_keys: dict[str, str] = field(default_factory=dict)  # folded title → party id
    sections: list[DraftSection] = field(default_factory=list)
    section_keys: dict[tuple[str, str], DraftSection] = field(default_factory=dict)
    task_ids: set[str] = field(default_factory=set)
    reporting: list[DraftTask] = field(default_factory=list)
    implementation: list[str] = field(default_factory=list)
    reviews: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    header_notes: list[str] = field(default_factory=list)
    removed_characters: int = 0

    def tasks(self) -> list[DraftTask]:
        return [task for section in self.sections for task in section.tasks]

    def section(self, section_id: str, title: str) -> DraftSection:
        """The section of that id and title, made if new (a second one of the same id but
        another title gets a suffixed id and a note)."""
        key = (section_id, _key(title))
        known = self.section_keys.get(key)
        if known is not None:
            return known
        taken = {section.id for section in self.section_keys.values()}
        own, number = section_id, 2
        while own in taken:
            own, number = f"{section_id}-{number}", number + 1
        new = DraftSection(own, title)
        if own != section_id:
            new.notes.append(f"số mục '{section_id}' đã dùng cho mục khác: đặt '{own}'")
        self.sections.append(new)
        self.section_keys[key] = new
        return new


def _key(title: str) -> str:
    from cai_cach.text import fold

    return " ".join(fold(title).split()).strip(" .:")
