"""Render a ``Report`` through a Jinja template: Markdown (``.md.j2``) or Word (``.docx``,
rendered with docxtpl).

Templates are not code: they run in Jinja's immutable sandbox with ``StrictUndefined`` and
receive plain data (``reportcontext.report_context``), never the plan's models. In Word
output every value is XML-escaped, so ``&``, ``<``, ``>`` and quotes from the plan appear
exactly as written. jinja2 and docxtpl are imported inside the functions that use them: this
module is only imported by ``caicach report``.
"""

from __future__ import annotations

import contextlib
import html
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from cai_cach.errors import NotFoundError, TemplateError, UsageError
from cai_cach.report import Report
from cai_cach.reportcontext import block_text, report_context
from cai_cach.text import shorten

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from jinja2.sandbox import ImmutableSandboxedEnvironment
    from markupsafe import Markup

__all__ = ["block_text", "report_context"]

Format = Literal["md", "docx"]

DEFAULT_TEMPLATES: dict[Format, str] = {"md": "report.md.j2", "docx": "report.docx"}
MAX_TEMPLATE_BYTES = 20 * 1024 * 1024
TEMPLATE_HINT = "xem các biến mà mẫu nhận được trong docs/bao-cao.md, mục 'Mẫu báo cáo'"


@dataclass(frozen=True)
class TemplateSource:
    """A template's bytes and how messages name it; ``trusted`` for the shipped templates,
    which render in this process without a time limit (they are linear in the report)."""

    name: str
    data: bytes
    format: Format
    trusted: bool = False


# --- finding templates ---------------------------------------------------------------------


def template_format(path: Path) -> Format | None:
    """``.docx`` → Word; ``.md.j2``, ``.j2``, ``.jinja``, ``.md`` → Markdown."""
    name = path.name.lower()
    if name.endswith(".docx"):
        return "docx"
    if name.endswith((".j2", ".jinja", ".jinja2", ".md")):
        return "md"
    return None


def template_folders() -> list[Traversable]:
    """Where the default templates are: the installed package ``cai_cach.templates``, then
    the ``templates/`` folder of a source checkout."""
    from importlib.resources import files

    import cai_cach

    folders: list[Traversable] = []
    with contextlib.suppress(ModuleNotFoundError):
        folders.append(files("cai_cach.templates"))
    folders.append(Path(cai_cach.__file__).resolve().parent.parent / "templates")
    return folders


def default_template(fmt: Format) -> TemplateSource:
    name = DEFAULT_TEMPLATES[fmt]
    for folder in template_folders():
        candidate = folder / name
        if candidate.is_file():
            return TemplateSource(f"{name} (mẫu mặc định)", candidate.read_bytes(), fmt, True)
    raise NotFoundError(
        f"không tìm thấy mẫu mặc định '{name}'",
        "cài lại caicach (pip install .), hoặc chỉ mẫu bằng --template",
    )


def template_kind(path: Path) -> Format:
    """The kind of a custom template named on the command line (``template_format``); a name
    of no known kind is a usage error."""
    fmt = template_format(path)
    if fmt is None:
        raise UsageError(
            f"--template: không nhận ra loại mẫu '{path}'",
            "dùng tệp .md.j2 (Markdown) hoặc .docx (Word)",
        )
    return fmt


def load_template(path: Path) -> TemplateSource:
    """Read a custom template named on the command line."""
    fmt = template_kind(path)
    if not path.exists():
        raise NotFoundError(f"không tìm thấy mẫu '{path}'", "kiểm tra lại đường dẫn --template")
    if not path.is_file():
        raise TemplateError(str(path), "mẫu không phải là một tệp thông thường")
    try:
        size = path.stat().st_size
        if size > MAX_TEMPLATE_BYTES:
            raise TemplateError(str(path), f"mẫu quá lớn ({size // (1024 * 1024)} MB)")
        data = path.read_bytes()
    except OSError as err:
        raise TemplateError(str(path), f"không đọc được mẫu ({err.strerror})") from None
    return TemplateSource(str(path), data, fmt)


# --- Jinja ---------------------------------------------------------------------------------


# A closing bracket that would end a link's or an image's text, or a reference definition.
_LINK_END = re.compile(r"\](?=[(\[:])")


def markdown_text(value: object) -> Markup:
    """Plan text made inert in Markdown, what every ``{{ … }}`` of a Markdown template
    writes: HTML special characters become entities (no raw HTML, no script), and the ']'
    ending a link or an image (``[bấm](javascript:…)``, ``![](http://…)``, ``[x]: url``) is
    escaped, so the text and the target are shown as written and nothing is followed or
    fetched. Text a template wants as is must ask for it: ``{{ x|raw }}``."""
    from markupsafe import Markup

    if isinstance(value, Markup):
        return value
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Markup(_LINK_END.sub("]\\\\", text))


def markdown_cell(value: object) -> Markup:
    """Text safe inside a Markdown table cell: inert (``markdown_text``), '|' escaped, line
    breaks as spaces."""
    from markupsafe import Markup

    text = markdown_text(" ".join(str(value).split()))
    return Markup(str(text).replace("|", "\\|"))


def _raw(value: object) -> Markup:
    from markupsafe import Markup

    return Markup(str(value))


def environment(*, autoescape: bool) -> ImmutableSandboxedEnvironment:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    markdown = not autoescape
    env = ImmutableSandboxedEnvironment(
        undefined=StrictUndefined,
        # Markdown too: every ``{{ … }}`` goes through ``finalize`` (``markdown_text``, which
        # returns Markup, so the HTML escape after it changes nothing), and macros return
        # Markup, so what a macro wrote is not escaped twice.
        autoescape=True,
        finalize=markdown_text if markdown else None,
        keep_trailing_newline=True,
        trim_blocks=markdown,
        lstrip_blocks=markdown,
    )
    env.filters["cell"] = markdown_cell
    if markdown:  # plan text is data: escaped unless the template asks for |raw
        env.filters["raw"] = _raw
    _bound_operators(env)
    return env


def _template_line(err: BaseException) -> int | None:
    """The template line an error points at (Jinja rewrites tracebacks to template lines)."""
    lineno = getattr(err, "lineno", None)
    if isinstance(lineno, int):
        return lineno
    found = None
    trace = err.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == "<template>":
            found = trace.tb_lineno
        trace = trace.tb_next
    return found


_UNDEFINED = re.compile(r"^'([^']+)' is undefined|has no attribute '([^']+)'|no element (\S+)")


def _describe(err: Exception) -> str:
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    if isinstance(err, TemplateSyntaxError):
        return f"cú pháp mẫu sai (Jinja: {err.message})"
    if isinstance(err, UndefinedError):
        match = _UNDEFINED.search(err.message or "")
        name = next((group for group in match.groups() if group), "") if match else ""
        return f"mẫu dùng '{name}' nhưng dữ liệu báo cáo không có biến hoặc trường này"
    if isinstance(err, SecurityError):
        return f"mẫu dùng một thao tác không được phép ({err})"
    return f"mẫu không dựng được ({type(err).__name__}: {err})"


def _unknown_names(
    env: ImmutableSandboxedEnvironment, source: str, context: dict[str, Any]
) -> set[str]:
    from jinja2 import meta

    names = meta.find_undeclared_variables(env.parse(source))
    return set(names) - set(context) - set(env.globals)


def _name_line(source: str, name: str) -> int | None:
    word = re.compile(rf"(?<![\w.]){re.escape(name)}\b")
    for number, line in enumerate(source.splitlines(), start=1):
        if word.search(line):
            return number
    return None


def _unknown_name_error(template: str, names: Iterable[str], line: int | None) -> TemplateError:
    listed = ", ".join(f"'{name}'" for name in sorted(names))
    return TemplateError(
        template,
        f"mẫu dùng biến {listed} nhưng dữ liệu báo cáo không có biến này",
        line,
        "các biến có: report, plan, agency, period, next_period, figures, sections, areas, "
        "direction, reports, reports_text, after_cutoff, narrative, overdue, outlook, annex, "
        "task_annex, recipients, signer (" + TEMPLATE_HINT + ")",
    )


def render_markdown(report: Report, template: TemplateSource, chart_file: str | None = None) -> str:
    from jinja2 import TemplateError as JinjaError

    try:
        source = template.data.decode("utf-8")
    except UnicodeDecodeError:
        raise TemplateError(template.name, "mẫu không phải văn bản UTF-8") from None
    env = environment(autoescape=False)
    context = report_context(report)
    context.update(chart_file=chart_file, chart_caption=_caption(report))
    try:
        unknown = _unknown_names(env, source, context)
        if unknown:
            first = sorted(unknown)[0]
            raise _unknown_name_error(template.name, unknown, _name_line(source, first))
        with bounded(template.name, timed=not template.trusted):
            text = _collect(env.from_string(source).generate(context), template.name)
    except TemplateError:
        raise
    except (JinjaError, ArithmeticError, LookupError, TypeError, ValueError) as err:
        raise TemplateError(
            template.name, _describe(err), _template_line(err), TEMPLATE_HINT
        ) from None
    return text if text.endswith("\n") else text + "\n"


# --- Word ----------------------------------------------------------------------------------


def _paragraph_text(xml_line: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", xml_line)).strip()


def _failed_paragraph(document: Any, line: int | None) -> str | None:
    """The text of the paragraph that a docxtpl rendering error points at, if we can tell."""
    part = document.current_rendering_part
    if line is None or part is None:
        return None
    try:
        if part is document.docx.part:
            xml = document.patch_xml(document.get_xml())
        else:
            xml = document.patch_xml(document.get_part_xml(part))
    except Exception:  # best effort only: the message is still useful without it
        return None
    lines = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml).splitlines()
    if not 1 <= line <= len(lines):
        return None
    return _paragraph_text(lines[line - 1]) or None


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraph_with(document: Any, name: str) -> str | None:
    """The first paragraph (body, tables, headers, footers) whose tags mention ``name``."""
    word = re.compile(rf"[{{%][^}}]*(?<![\w.]){re.escape(name)}\b")
    docx = document.docx
    parts = [docx.element.body]
    for section in docx.sections:
        for header in (section.header, section.first_page_header, section.even_page_header):
            if not header.is_linked_to_previous:
                parts.append(header._element)
        for footer in (section.footer, section.first_page_footer, section.even_page_footer):
            if not footer.is_linked_to_previous:
                parts.append(footer._element)
    for element in parts:
        for paragraph in element.iter(f"{_W}p"):
            text = "".join(node.text or "" for node in paragraph.iter(f"{_W}t"))
            if word.search(text):
                return text.strip()
    return None


def _where(text: str | None) -> str:
    return f" (ở đoạn «{shorten(text, 80)}»)" if text else ""


def render_docx(report: Report, template: TemplateSource) -> bytes:
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError as JinjaError

    check_unpacked_size(template)
    document = DocxTemplate(io.BytesIO(template.data))
    try:
        document.init_docx()
    except Exception:  # python-docx raises many kinds of error on a file that is not Word
        raise TemplateError(
            template.name,
            "mẫu không phải tệp Word (.docx) hợp lệ",
            hint="lưu mẫu bằng Word dạng .docx",
        ) from None
    env = environment(autoescape=True)
    context = report_context(report)
    try:
        names = set(document.get_undeclared_template_variables(env))
    except JinjaError:
        names = set()  # a syntax error: rendering below reports it with its paragraph
    context.update(_word_chart(report, document, "chart" in names))
    unknown = names - set(context) - set(env.globals)
    if unknown:
        first = sorted(unknown)[0]
        error = _unknown_name_error(template.name, unknown, None)
        error.message += _where(_paragraph_with(document, first))
        raise error
    try:
        with bounded(template.name, timed=not template.trusted):
            document.render(context, jinja_env=env, autoescape=True)
    except TemplateError:
        raise
    except (JinjaError, ArithmeticError, LookupError, TypeError, ValueError) as err:
        where = _where(_failed_paragraph(document, _template_line(err)))
        raise TemplateError(template.name, _describe(err) + where, hint=TEMPLATE_HINT) from None
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _word_chart(report: Report, document: Any, wanted: bool) -> dict[str, Any]:
    """``chart`` (the figure as an inline picture, only drawn when the template uses it) and
    ``chart_caption``."""
    from cai_cach.reportchart import WIDTH_MM, caption, chart_png

    picture = None
    if wanted:
        png = chart_png(report)
        if png is not None:
            from docx.shared import Mm
            from docxtpl import InlineImage

            picture = InlineImage(document, io.BytesIO(png), width=Mm(WIDTH_MM))
    return {"chart": picture, "chart_caption": caption(report)}


def _caption(report: Report) -> str:
    from cai_cach.reportchart import caption

    return caption(report)


def render(report: Report, template: TemplateSource, chart_file: str | None = None) -> bytes:
    """The report as file content in the template's format.

    A template of the clerk's own (``--template``) runs in a child process limited to
    ``TEMPLATE_MEMORY`` more memory and ``RENDER_SECONDS`` of time, which the parent enforces
    by killing it (``confine``); where the platform has no such child (Windows) it runs here
    under the timer of ``bounded``, which C code can outrun. The shipped templates run here."""
    from cai_cach.confine import LimitExceeded, Limits, available, run_confined

    if template.trusted or not available():
        return _render_here(report, template, chart_file)
    limits = Limits(TEMPLATE_MEMORY, int(RENDER_SECONDS) + 2, RENDER_SECONDS + 2)
    try:
        return run_confined(lambda: _render_here(report, template, chart_file), limits)
    except LimitExceeded as exceeded:
        if exceeded.what == "memory":
            raise _too_much_memory(template.name) from None
        raise _too_long(template.name) from None


def _render_here(report: Report, template: TemplateSource, chart_file: str | None) -> bytes:
    if template.format == "docx":
        return render_docx(report, template)
    return render_markdown(report, template, chart_file).encode("utf-8")


# --- bounds: a template cannot take unbounded time, memory or output -----------------------

MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # a Word template's parts, unpacked
MAX_PARTS = 5_000
MAX_OUTPUT_CHARS = 20 * 1024 * 1024
MAX_VALUE_ITEMS = 1_000_000  # "x" * n, [..] * n, n ** m in a template
RENDER_SECONDS = 10.0
TEMPLATE_MEMORY = 512 * 1024 * 1024  # what a clerk's template may add to the process
_BOUNDS_HINT = "mẫu có vòng lặp hoặc lời gọi không dừng? sửa mẫu, hoặc dùng mẫu mặc định"


class _RenderTimeout(Exception):
    """Raised by the timer inside a rendering that ran too long."""


def check_unpacked_size(template: TemplateSource) -> None:
    """Refuse a Word template whose parts unpack to more than ``MAX_UNPACKED_BYTES`` (a zip
    bomb), reading only the zip's directory (the sizes it declares are enforced on reading)."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(template.data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return  # not a zip: reported as "not a Word file" by the caller
    unpacked = sum(part.file_size for part in parts)
    if len(parts) > MAX_PARTS or unpacked > MAX_UNPACKED_BYTES:
        raise TemplateError(
            template.name,
            f"mẫu Word giải nén ra quá lớn ({unpacked // (1024 * 1024)} MB, {len(parts)} phần; "
            f"giới hạn {MAX_UNPACKED_BYTES // (1024 * 1024)} MB) nên không dùng",
            hint="lưu lại mẫu bằng Word (bỏ ảnh quá lớn), hoặc dùng mẫu mặc định",
        )


def _too_long(name: str) -> TemplateError:
    return TemplateError(
        name, f"mẫu chạy quá {RENDER_SECONDS:g} giây nên đã dừng", hint=_BOUNDS_HINT
    )


def _too_much_memory(name: str) -> TemplateError:
    return TemplateError(name, "mẫu cần quá nhiều bộ nhớ nên đã dừng", hint=_BOUNDS_HINT)


@contextlib.contextmanager
def bounded(name: str, *, timed: bool = True) -> Iterator[None]:
    """Run a rendering under a time limit (with ``timed``: a timer, where the platform has one
    and this is the main thread); runaway recursion, memory or time become a Vietnamese
    ``TemplateError``."""
    import signal
    import threading

    timer = (
        timed
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    previous: Any = None
    if timer:

        def expire(_number: int, _frame: object) -> None:
            raise _RenderTimeout

        previous = signal.signal(signal.SIGALRM, expire)
    try:
        if timer:  # inside the ``try``: a timer that fires at once is still reported
            signal.setitimer(signal.ITIMER_REAL, RENDER_SECONDS)
        yield
    except _RenderTimeout:
        raise _too_long(name) from None
    except RecursionError:
        raise TemplateError(
            name, "mẫu gọi lồng nhau quá sâu (macro tự gọi lại chính nó?)", hint=_BOUNDS_HINT
        ) from None
    except MemoryError:
        raise _too_much_memory(name) from None
    finally:
        if timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def _collect(chunks: Iterable[str], name: str) -> str:
    """The rendered text, refusing output larger than ``MAX_OUTPUT_CHARS``."""
    parts: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT_CHARS:
            raise TemplateError(
                name,
                f"mẫu sinh ra quá nhiều chữ (hơn {MAX_OUTPUT_CHARS // (1024 * 1024)} triệu ký tự) "
                "nên đã dừng",
                hint=_BOUNDS_HINT,
            )
        parts.append(chunk)
    return "".join(parts)


def _bound_operators(env: ImmutableSandboxedEnvironment) -> None:
    """Let the sandbox check ``*`` and ``**``: ``"x" * 10**9`` would take gigabytes at once."""
    from jinja2.exceptions import SecurityError

    def call_binop(context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > 64:
            raise SecurityError("lũy thừa quá lớn")
        if operator == "*":
            for one, other in ((left, right), (right, left)):
                sized = isinstance(one, str | list | tuple) and isinstance(other, int)
                if sized and len(one) * other > MAX_VALUE_ITEMS:
                    raise SecurityError("phép nhân tạo giá trị quá lớn")
        return env.binop_table[operator](left, right)

    env.intercepted_binops = frozenset({"*", "**"})
    env.call_binop = call_binop  # type: ignore[method-assign]
