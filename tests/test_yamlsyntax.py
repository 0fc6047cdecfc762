"""libyaml's syntax errors → one Vietnamese problem where the clerk made the mistake."""

from __future__ import annotations

import yaml

from cai_cach.yamlsyntax import syntax_problem


def problem_of(text: str) -> tuple[int | None, int | None, str, str]:
    try:
        for _ in yaml.parse(text, Loader=yaml.SafeLoader):
            pass
    except yaml.MarkedYAMLError as err:
        found = syntax_problem(err, "a.yaml", text.split("\n"))
        assert found.detail, "the parser's own words stay for --debug"
        return found.line, found.column, found.message, found.hint
    raise AssertionError("no syntax error")


def test_a_key_without_the_space_after_its_colon_is_pointed_at() -> None:
    line, column, message, hint = problem_of("plan:\n  title:Kế hoạch\n  year: 2024\n")
    assert (line, column) == (2, 9)
    assert "thiếu dấu cách sau dấu ':'" in message and "tên: giá trị" in hint


def test_a_key_without_its_colon_is_pointed_at() -> None:
    line, _, message, _ = problem_of("plan:\n  title Kế hoạch\n  year: 2024\n")
    assert line == 2 and message == "thiếu dấu ':' sau tên trường"


def test_an_unknown_mistake_still_gets_a_vietnamese_message_and_its_place() -> None:
    line, column, message, _ = problem_of("a: b\n\tc: d\n")
    assert line == 2 and column is not None
    assert message.isascii() is False
