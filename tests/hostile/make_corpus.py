"""Write the hostile-input corpus next to this script (run: python tests/hostile/make_corpus.py).

Each file is a way a clerk's plan file really goes wrong: legacy encodings, invisible
characters, YAML features that lose or invent data, broken syntax. ``tests/test_hostile.py``
says, for each file, the exact exit status and message every command must give.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent

VALID = """\
plan:
  title: Kế hoạch thử
  year: 2024
  agency: {name: Ủy ban nhân dân xã Thử, place: Thử}
officials:
  vp-tk: {title: Công chức Văn phòng - Thống kê}
  tc-kt: {title: Công chức Tài chính - Kế toán}
sections:
  - id: "1"
    title: Cải cách thể chế
    tasks:
      - id: 1.a
        title: Ban hành kế hoạch
        lead: [tc-kt]
        timeline: Quý I/2024 ban hành kế hoạch.
        milestones:
          - what: Ban hành kế hoạch
            due: Quý I/2024
"""

_KEEP_COMPOSED = {"\u0302", "\u0306", "\u031b"}  # circumflex, breve, horn: â ê ô ă ơ ư


def cp1258(text: str) -> bytes:
    """Encode as Windows-1258: letters with â/ă/ơ… precomposed, tone marks combining."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        try:
            out.append(char.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", char)
        kept = [m for m in marks if m in _KEEP_COMPOSED]
        tones = [m for m in marks if m not in _KEEP_COMPOSED]
        out.append(unicodedata.normalize("NFC", base + "".join(kept)).encode("cp1258"))
        out.append("".join(tones).encode("cp1258"))
    return b"".join(out)


def corpus() -> dict[str, bytes]:
    utf8 = VALID.encode("utf-8")
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index in range(1, 9):
        prev = chr(ord("a") + index - 1)
        name = chr(ord("a") + index)
        bomb.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    return {
        "windows-1258.yaml": cp1258(VALID),
        "utf-16.yaml": VALID.encode("utf-16"),
        "bom-crlf.yaml": b"\xef\xbb\xbf" + VALID.replace("\n", "\r\n").encode("utf-8"),
        "nfd.yaml": unicodedata.normalize("NFD", VALID).encode("utf-8"),
        "duplicate-key-deep.yaml": VALID.replace(
            "            due: Quý I/2024\n",
            "            due: Quý I/2024\n            due: Quý II/2024\n",
        ).encode(),
        "duplicate-top-key.yaml": (VALID + "officials:\n  x: {title: X}\n").encode(),
        "alias.yaml": VALID.replace(
            "lead: [tc-kt]", "lead: &nguoi [tc-kt]\n        support: *nguoi"
        ).encode(),
        "billion-laughs.yaml": ("\n".join(bomb) + "\n").encode(),
        "python-tag.yaml": VALID.replace(
            "title: Ban hành kế hoạch", 'title: !!python/object/apply:os.system ["echo hỏng"]'
        ).encode(),
        "yaml11-words.yaml": VALID.replace("tc-kt", "no")
        .replace("title: Ban hành kế hoạch", "title: yes")
        .replace("what: Ban hành kế hoạch", "what: 010")
        .replace("title: Cải cách thể chế", "title: on")
        .replace("timeline: Quý I/2024 ban hành kế hoạch.", "timeline: 2024-03-31")
        .encode(),
        "impossible-date.yaml": VALID.replace("due: Quý I/2024", "due: 2024-02-30").encode(),
        "cut-by-comment.yaml": VALID.replace(
            "title: Ban hành kế hoạch", "title: Việc #1 quan trọng"
        ).encode(),
        "nbsp-after-colon.yaml": VALID.replace("year: 2024", "year:\u00a02024").encode(),
        "next-line-char.yaml": VALID.replace("Kế hoạch thử", "Kế hoạch\u0085thử").encode(),
        "line-separator.yaml": VALID.replace("Kế hoạch thử", "Kế hoạch\u2028thử").encode(),
        "control-char.yaml": VALID.replace(
            "Ban hành kế hoạch\n", "Ban hành\x0bkế hoạch\n", 1
        ).encode(),
        "empty.yaml": b"",
        "only-comment.yaml": b"# chua co gi\n",
        "list-root.yaml": b"- plan\n- officials\n",
        "scalar-root.yaml": "Kế hoạch năm 2024\n".encode(),
        "deep-nesting.yaml": b"a: " + b"[" * 20000 + b"]" * 20000 + b"\n",
        "tab-indent.yaml": VALID.replace("  year: 2024", "\tyear: 2024").encode(),
        "unclosed-quote.yaml": VALID.replace(
            "title: Kế hoạch thử", 'title: "Kế hoạch thử'
        ).encode(),
        "two-documents.yaml": (VALID + "---\nplan: {}\n").encode(),
        "truncated.yaml": utf8[: utf8.index(b"timeline")],
        "empty-title.yaml": VALID.replace("title: Ban hành kế hoạch", "title:").encode(),
        "bool-title.yaml": VALID.replace("title: Ban hành kế hoạch", "title: true").encode(),
        "complex-key.yaml": (VALID + "? [a, b]\n: x\n").encode(),
        "unknown-official.yaml": VALID.replace("lead: [tc-kt]", "lead: [ke-toan]").encode(),
        "conflict-markers.yaml": VALID.replace(
            "        title: Ban hành kế hoạch\n",
            "<<<<<<< HEAD\n        title: Ban hành kế hoạch\n=======\n"
            "        title: Ban hành kế hoạch năm\n>>>>>>> nhanh-van-phong\n",
        ).encode(),
        "missing-colon.yaml": VALID.replace(
            "title: Ban hành kế hoạch", "title Ban hành kế hoạch"
        ).encode(),
        "no-space-after-colon.yaml": VALID.replace(
            "title: Ban hành kế hoạch", "title:Ban hành kế hoạch"
        ).encode(),
        "unclosed-bracket.yaml": VALID.replace("lead: [tc-kt]", "lead: [tc-kt").encode(),
        "escaped-vertical-tab.yaml": VALID.replace(
            "title: Ban hành kế hoạch", 'title: "Ban hành\\x0bkế & <b>hoạch"'
        ).encode(),
        "escaped-nul.yaml": VALID.replace(
            "title: Ban hành kế hoạch", 'title: "Ban hành\\u0000kế hoạch"'
        ).encode(),
        "escaped-escape.yaml": VALID.replace(
            "title: Ban hành kế hoạch", 'title: "Ban hành\\x1b[31mkế hoạch"'
        ).encode(),
        "escaped-surrogate.yaml": VALID.replace(
            "title: Ban hành kế hoạch", 'title: "Ban hành\\ud800kế hoạch"'
        ).encode(),
        "note-eaten-by-comment.yaml": (VALID + "            note: #5 đã ban hành\n").encode(),
        "done-without-date.yaml": (VALID + "            done:\n").encode(),
        "colon-in-text.yaml": VALID.replace(
            "title: Ban hành kế hoạch", "title: Sản phẩm: kế hoạch"
        ).encode(),
    }


def main() -> None:
    for name, content in corpus().items():
        (HERE / name).write_bytes(content)


if __name__ == "__main__":
    main()
