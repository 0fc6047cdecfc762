"""Where an output goes and in what format: the output's name decides; one policy
(``check_output``/``write_output``) keeps every writer off the clerk's files (nothing
overwritten by accident, no plan file, no symlink followed, no device); a PDF is made from
the Word report by LibreOffice when it is installed."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Literal

from cai_cach.errors import OutputError, UsageError, os_hint, os_reason

OutputFormat = Literal["md", "docx", "pdf", "xlsx"]
STDOUT = "-"
SUFFIX_FORMAT: dict[str, OutputFormat] = {
    ".docx": "docx",
    ".md": "md",
    ".pdf": "pdf",
    ".xlsx": "xlsx",
}
FORMAT_NAMES = {"docx": "Word", "md": "Markdown", "pdf": "PDF", "xlsx": "Excel"}
OFFICE_PROGRAMS = ("soffice", "libreoffice")
OFFICE_PACKAGE = "libreoffice-writer"
CONVERT_SECONDS = 180


def choose_format(fmt: str | None, template_kind: str | None, output: str | None) -> OutputFormat:
    """The format asked for by ``-f``, the template's kind and the output's extension, which
    must agree; Word when none says. An output file without a known extension is refused
    (``-o baocao.pdf`` must never be a Word file under another name)."""
    if fmt is not None and fmt not in FORMAT_NAMES:
        raise UsageError(
            f"--format phải là 'docx', 'md', 'pdf' hoặc 'xlsx', không phải '{fmt}'",
            "docx: Word; md: Markdown; pdf: PDF (cần LibreOffice); xlsx: bảng tính Excel",
        )
    asked: OutputFormat | None = SUFFIX_FORMAT[f".{fmt}"] if fmt is not None else None
    from_name = _format_of_output(output)
    if asked is not None and from_name is not None and asked != from_name:
        raise UsageError(
            f"--format {asked} không khớp với đuôi tệp của -o {output} ({from_name})",
            f"bỏ --format, hoặc đặt tên tệp đuôi .{asked}",
        )
    chosen = asked or from_name
    if template_kind is not None:
        fits = ("docx", "pdf") if template_kind == "docx" else ("md",)
        if chosen is not None and chosen not in fits:
            raise UsageError(
                f"mẫu {FORMAT_NAMES[template_kind]} không tạo được tệp {FORMAT_NAMES[chosen]}",
                "chọn mẫu cùng loại với tệp cần ghi (.docx cho Word và PDF, .md.j2 cho Markdown)",
            )
        chosen = chosen or ("docx" if template_kind == "docx" else "md")
    if chosen is None:
        chosen = "md" if output == STDOUT else "docx"
    if chosen == "pdf":
        office_program()  # refuse before any work when PDF cannot be made
    return chosen


def _format_of_output(output: str | None) -> OutputFormat | None:
    if output is None or output == STDOUT or _names_folder(output):
        return None
    check_target(Path(output))  # a device or a pipe, whatever its name
    suffix = Path(output).suffix.lower()
    if suffix not in SUFFIX_FORMAT:
        shown = f"đuôi '{suffix}'" if suffix else "không có đuôi"
        raise UsageError(
            f"-o {output}: tên tệp {shown}, không biết ghi báo cáo dạng gì",
            "đặt tên tệp đuôi .docx (Word), .md (Markdown), .pdf (PDF) hoặc .xlsx (Excel), "
            "hoặc chỉ một thư mục (kết thúc bằng /)",
        )
    return SUFFIX_FORMAT[suffix]


def _names_folder(output: str) -> bool:
    return output.endswith(("/", os.sep)) or Path(output).is_dir()


def report_targets(
    plans: Sequence[Path],
    output: str | None,
    name: Callable[[str], str],
    fmt: OutputFormat,
) -> list[Path | None]:
    """Where each plan's report goes (``None``: standard output). ``name`` turns a plan's
    short name into the default file name. Two plans never share a file: same-named plans of
    different folders get their folder's name in front, and if even that is the same the
    command refuses. No plan (every one failed to load), no target."""
    if not plans:
        return []
    if output == STDOUT:
        if fmt != "md":
            raise UsageError(
                f"không thể in tệp {FORMAT_NAMES[fmt]} ra màn hình",
                "dùng --format md với -o -, hoặc ghi ra tệp: -o bao-cao.docx",
            )
        return [None for _ in plans]
    folder: Path | None = None
    if output is not None:
        if not _names_folder(output):
            if len(plans) > 1:
                raise UsageError(
                    f"-o {output}: có {len(plans)} kế hoạch nên cần một thư mục, không phải tệp",
                    "bỏ -o để dùng tên mặc định, hoặc chỉ một thư mục (kết thúc bằng /)",
                )
            return [Path(output) for _ in plans]  # none when every plan failed
        folder = Path(output)
    names = [name(plan.stem) for plan in plans]
    repeated = {n for n, count in Counter(names).items() if count > 1}
    names = [
        name(f"{plan.resolve().parent.name}-{plan.stem}") if n in repeated else n
        for plan, n in zip(plans, names, strict=True)
    ]
    clashes = sorted(n for n, count in Counter(names).items() if count > 1)
    if clashes:
        raise UsageError(
            f"nhiều kế hoạch sẽ ghi vào cùng một tệp báo cáo: {', '.join(clashes)}",
            "lập báo cáo cho từng kế hoạch một với -o TÊN_TỆP",
        )
    return [folder / n if folder else Path(n) for n in names]


def prepare_folder(target: Path) -> None:
    """Create the folder a report goes into (``-o baocao/`` that does not exist yet)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(
            f"không tạo được thư mục '{target.parent}': đã có một tệp cùng tên",
            "đổi tên hoặc chuyển tệp đó đi, hoặc chọn thư mục khác",
        ) from None
    except OSError as err:
        raise OutputError(
            f"không tạo được thư mục '{target.parent}' ({os_reason(err)})", os_hint(err)
        ) from None


PLANS_FOLDER = "plans"
PLAN_SUFFIXES = (".yaml", ".yml")


def check_target(target: Path) -> None:
    """Refuse, even with ``--force``, to write over anything but a regular file or a symlink
    (a device such as /dev/sda, a pipe, a socket, a folder). The name itself is looked at:
    a symlink is never followed here (see ``check_output``)."""
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        return
    except OSError as err:
        raise OutputError(
            f"không kiểm tra được '{target}' ({os_reason(err)})", os_hint(err)
        ) from None
    if stat.S_ISDIR(mode):
        raise OutputError(f"'{target}' là một thư mục", "chỉ tên tệp, hoặc thư mục kết thúc bằng /")
    if not stat.S_ISREG(mode) and not stat.S_ISLNK(mode):
        raise OutputError(
            f"'{target}' không phải là một tệp thông thường (thiết bị, ống dẫn, socket …): "
            "không ghi đè",
            "chọn một tên tệp khác; để in ra màn hình dùng -o - (nếu lệnh cho phép)",
        )


def check_output(
    target: Path, *, force: bool, protected: Iterable[Path] = (), plan: bool = False
) -> None:
    """The one output policy of every command writing a file the clerk names (report,
    calendar, spreadsheets, import, new, and any later writer), checked before any work:

    - an existing name (a file, a symlink, even a dangling one) is refused without ``force``;
    - a symlink is never followed: with ``force`` the link itself is replaced by the new
      file and whatever it pointed at is left untouched;
    - a folder, a device, a pipe or a socket is refused even with ``force``;
    - nothing is written to a plan file (``protected``: the plans the command read, and any
      existing ``.yaml``) nor under a ``plans/`` folder, unless ``plan`` (the writer makes a
      plan: ``import``, ``new``), which still never replaces a plan it read.

    ``write_output`` checks again and creates the file exclusively (``O_EXCL`` semantics),
    so a link planted between the check and the write cannot redirect it."""
    check_target(target)
    where = _lexical(target)
    for kept in protected:
        if _lexical(kept) == where or _same_file(kept, target):
            raise OutputError(
                f"'{target}' là tệp kế hoạch đang đọc: không ghi kết quả đè lên nó",
                "chọn một tên tệp khác cho kết quả",
            )
    exists = os.path.lexists(target)
    if not plan:
        if _in_plans_folder(where):
            raise OutputError(
                f"'{target}' nằm trong thư mục {PLANS_FOLDER}/ (nơi giữ các tệp kế hoạch): "
                "không ghi kết quả vào đó",
                "ghi ra thư mục khác, ví dụ -o bao-cao/ hoặc một tên tệp ngoài plans/",
            )
        if exists and where.suffix.lower() in PLAN_SUFFIXES:
            raise OutputError(
                f"'{target}' là một tệp YAML (có thể là tệp kế hoạch): không ghi đè, kể cả "
                "với --force",
                "chọn một tên tệp khác cho kết quả",
            )
    if exists and not force:
        link = " (một liên kết mềm)" if target.is_symlink() else ""
        raise OutputError(
            f"tệp '{target}'{link} đã tồn tại",
            "dùng --force để ghi đè"
            + (
                " (--force thay chính liên kết bằng tệp mới; tệp nó trỏ tới giữ nguyên)"
                if link
                else ""
            ),
        )


def write_output(
    target: Path,
    content: bytes | Iterable[bytes],
    *,
    force: bool,
    protected: Iterable[Path] = (),
    plan: bool = False,
) -> None:
    """Write a user-named output under the policy of ``check_output``, atomically (temporary
    file, fsync, rename) and without following a symlink at ``target``; without ``force`` the
    file is created exclusively."""
    from cai_cach.atomic import write_atomic

    check_output(target, force=force, protected=protected, plan=plan)
    prepare_folder(target)
    write_atomic(target, content, overwrite=force, follow_symlinks=False)


def _in_plans_folder(where: Path) -> bool:
    """Whether ``where`` lies under a ``plans/`` folder holding plan files (a folder that is
    merely named so, holding none, is the clerk's own)."""
    for folder in where.parents:
        if folder.name == PLANS_FOLDER and any(
            next(folder.glob(f"*{suffix}"), None) is not None for suffix in PLAN_SUFFIXES
        ):
            return True
    return False


def _lexical(path: Path) -> Path:
    """``path`` made absolute with its folder's links resolved, its own name kept (a link at
    the name is the output, not what it points to)."""
    try:
        return Path(os.path.realpath(path.parent if str(path.parent) else ".")) / path.name
    except OSError:
        return path.absolute()


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other) and not other.is_symlink()
    except OSError:
        return False


def office_program() -> str:
    """LibreOffice's command, or a Vietnamese error naming the package to install."""
    for program in OFFICE_PROGRAMS:
        found = shutil.which(program)
        if found:
            return found
    raise OutputError(
        "xuất PDF cần LibreOffice nhưng máy chưa cài (không thấy lệnh soffice hay libreoffice)",
        f"cài gói {OFFICE_PACKAGE} (Ubuntu/Debian: sudo apt install {OFFICE_PACKAGE}; "
        "Windows: cài LibreOffice từ libreoffice.org), hoặc ghi tệp Word: -o bao-cao.docx",
    )


def docx_to_pdf(docx: bytes, name: str) -> bytes:
    """Convert a Word document to PDF with headless LibreOffice (its own throwaway profile,
    so that an open LibreOffice window of the user neither blocks nor is disturbed)."""
    program = office_program()
    with tempfile.TemporaryDirectory(prefix="caicach-pdf-") as work:
        folder = Path(work)
        source = folder / f"{Path(name).stem or 'bao-cao'}.docx"
        source.write_bytes(docx)
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, timeout=CONVERT_SECONDS, check=False
            )
        except subprocess.TimeoutExpired:
            raise OutputError(
                f"LibreOffice không chuyển xong sang PDF sau {CONVERT_SECONDS} giây"
            ) from None
        except OSError as err:
            raise OutputError(f"không chạy được LibreOffice ({err.strerror})") from None
        result = folder / "out" / f"{source.stem}.pdf"
        if done.returncode != 0 or not result.is_file():
            said = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise OutputError(
                "LibreOffice không chuyển được báo cáo sang PDF"
                + (f" ({said[-1]})" if said else ""),
                "thử ghi tệp Word (-o bao-cao.docx) rồi mở bằng Word hoặc LibreOffice",
            )
        return result.read_bytes()
