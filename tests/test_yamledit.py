"""Position-based YAML text edits: each keeps every byte it does not mean to change."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import yaml

from cai_cach import yamledit
from cai_cach.yamledit import YamlText


def edited(raw: bytes, edit: object) -> bytes:
    text = YamlText(raw)
    root = text.compose()
    assert callable(edit)
    edit(text, root)
    return text.to_bytes()


def test_round_trip_keeps_bom_crlf_and_missing_final_newline() -> None:
    raw = b"\xef\xbb\xbfa: 1\r\nb: [x]\r\nc: 3"
    assert YamlText(raw).to_bytes() == raw


def test_insert_entry_in_block_and_flow_mappings() -> None:
    block = b"m:\n  a: 1  # keep\n  c: 3\n"

    def add(text: YamlText, root: yaml.Node) -> None:
        mapping = yamledit.node_at(root, ("m",))
        yamledit.insert_entry(text, mapping, ["b: 2"], "b: 2", after="a")

    assert edited(block, add) == b"m:\n  a: 1  # keep\n  b: 2\n  c: 3\n"
    assert edited(b"m: {a: 1, c: 3}\n", add) == b"m: {a: 1, b: 2, c: 3}\n"
    assert edited(b"m: {}\n", add) == b"m: {b: 2}\n"


def test_remove_entry_and_item_undo_insertions() -> None:
    raw = b"m: {a: 1}\nl: [x, y]\nk:\n  - p\n  - q\n"

    def remove(text: YamlText, root: yaml.Node) -> None:
        yamledit.remove_entry(text, yamledit.node_at(root, ("m",)), "a")

    assert edited(raw, remove) == b"m: {}\nl: [x, y]\nk:\n  - p\n  - q\n"

    def drop(text: YamlText, root: yaml.Node) -> None:
        yamledit.remove_item(text, yamledit.node_at(root, ("k",)), 1)

    assert edited(raw, drop) == b"m: {a: 1}\nl: [x, y]\nk:\n  - p\n"


def test_append_item_to_an_empty_flow_list_and_to_a_block_list() -> None:
    def append(text: YamlText, root: yaml.Node) -> None:
        yamledit.append_item(text, yamledit.node_at(root, ("l",)), "z")

    assert edited(b"l: []\n", append) == b"l: [z]\n"
    assert edited(b"l:\n  - x\n", append) == b"l:\n  - x\n  - z\n"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("Đã họp", "Đã họp"), ("yes", '"yes"'), ("a: b", '"a: b"'), ("#1", '"#1"')],
)
def test_scalar_reads_back_unchanged(value: str, expected: str) -> None:
    assert yamledit.scalar(value, flow=False) == expected
    assert yaml.safe_load(f"k: {expected}")["k"] == value


def test_a_layout_it_will_not_edit_is_refused() -> None:
    from cai_cach.errors import RecordError

    def remove(text: YamlText, root: yaml.Node) -> None:
        yamledit.remove_entry(text, yamledit.node_at(root, ("l", 0)), "a")

    with pytest.raises(RecordError, match="cách viết"):
        edited(b"l:\n  - a: 1\n    b: 2\n", remove)


def test_yamledit_has_no_domain_imports() -> None:
    source = Path(yamledit.__file__).read_text(encoding="utf-8")
    imported = {
        node.module
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom) and node.module
    }
    domain = {f"cai_cach.{name}" for name in ("models", "record", "loading", "periods", "plandiff")}
    assert not imported & domain


def test_add_to_list_starts_the_list_then_appends() -> None:
    from cai_cach.yamledit import add_to_list

    text = YamlText(b"task:\n  id: 1.a\n")
    add_to_list(text, text.compose().value[0][1], "notes", "{date: 2024-01-02, text: a}")
    assert text.to_bytes() == b"task:\n  id: 1.a\n  notes:\n    - {date: 2024-01-02, text: a}\n"
    add_to_list(text, text.compose().value[0][1], "notes", "{date: 2024-01-03, text: b}")
    assert text.to_bytes().endswith(
        b"    - {date: 2024-01-02, text: a}\n    - {date: 2024-01-03, text: b}\n"
    )
