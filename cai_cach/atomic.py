"""Write files so that a crash, a full disk or a second writer never loses or halves a file.

Every write goes to a temporary file in the same folder, is flushed and fsynced, and then
replaces the file in one rename (a new file, ``overwrite=False``, is linked into place
exclusively: nothing that appeared meanwhile, not even a dangling symlink, is replaced or
followed). The file the user names is the one that is updated: a symlink is written through
to its target (writers of user-named outputs refuse or replace links instead, see
``outputs.write_output``); a hard-linked file (a rename would split its names
apart) and a read-only file are refused; the mode, owner and group are kept (a file whose
owner cannot be kept is refused rather than taken over).

Writers of one file serialise with ``locked``: an advisory lock (``flock``) on the folder
holding the file, so no lock file is left beside the plan. Where ``fcntl`` is missing
(Windows), a lock file ``.<name>.lock`` beside the file is locked with ``msvcrt``.
A writer that waits longer than ``$CAICACH_LOCK_TIMEOUT`` seconds (default 30) gives up
with a message naming the file.
"""

from __future__ import annotations

import contextlib
import contextvars
import errno
import os
import signal
import stat
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import FrameType
from typing import TypeAlias

from cai_cach.config import LOCK_TIMEOUT_ENV, lock_timeout
from cai_cach.errors import OutputError, os_hint, os_reason

_Attempt: TypeAlias = Callable[[int], bool]

_POLL_SECONDS = 0.02

# The journal of the command being run (``journal``): the clerk's files replaced so far.
_journal: contextvars.ContextVar[list[Path] | None] = contextvars.ContextVar(
    "caicach_written", default=None
)
# Folders whose writers' lock this process holds, and how many times (``locked`` nests).
_held: dict[str, int] = {}


@contextlib.contextmanager
def journal() -> Iterator[list[Path]]:
    """Collect, in order, the clerk's files replaced while the block runs (not the cache's
    private entries): after a Ctrl-C the command line can say which files were already
    written. The error boundary opens one per command; outside one nothing is kept."""
    written: list[Path] = []
    token = _journal.set(written)
    try:
        yield written
    finally:
        _journal.reset(token)


def target_of(path: Path) -> Path:
    """The file a write to ``path`` must reach: the end of its symlinks."""
    try:
        return Path(os.path.realpath(path)) if path.is_symlink() else path
    except OSError as err:  # a name too long, a loop of links …
        raise OutputError(f"không ghi được tệp '{path}' ({_reason(err)})") from None


def write_atomic(
    path: Path,
    content: bytes | Iterable[bytes],
    *,
    overwrite: bool = True,
    mode: int | None = None,
    follow_symlinks: bool = True,
    lock: bool = True,
    durable: bool = True,
) -> None:
    """Write ``content`` (bytes, or chunks of bytes written as they come) to ``path``
    atomically.

    The bytes go to a temporary file in the same folder, are flushed and fsynced, and then
    replace ``path`` in one rename; on any failure the temporary file is removed and the old
    ``path`` (if any) is left exactly as it was. With ``overwrite=False`` an existing file is
    an ``OutputError``. Unless ``lock`` is false (private files such as the cache's), the
    writers' lock of the file is held meanwhile. ``durable=False`` skips the two fsyncs, for
    files whose loss in a power cut costs nothing (the plan cache: a torn entry fails its
    HMAC and is parsed again); the rename stays atomic.
    """
    if lock:
        with locked(path):
            write_atomic(
                path,
                content,
                overwrite=overwrite,
                mode=mode,
                follow_symlinks=follow_symlinks,
                lock=False,
                durable=durable,
            )
        return
    shown = path
    if not overwrite and os.path.lexists(path):  # a (dangling) link too: never followed
        raise _exists(shown)
    if follow_symlinks:
        path = target_of(path)
    folder = path.parent if str(path.parent) else Path(".")
    old = _existing(path, shown) if follow_symlinks or not os.path.islink(path) else None
    if mode is None:
        mode = _default_mode() if old is None else stat.S_IMODE(old.st_mode)
    try:
        import tempfile  # here: every command opens the journal, few write a file

        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise OutputError(
            f"không tạo được tệp trong thư mục '{folder}' ({_reason(err)})", os_hint(err)
        ) from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            for chunk in [content] if isinstance(content, bytes) else content:
                handle.write(chunk)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
            if old is not None:
                _keep_owner(handle.fileno(), old, shown)
        os.chmod(temporary, mode)
        with _interrupt_deferred():
            if overwrite:
                os.replace(temporary, path)
            else:
                _create_exclusively(temporary, path, shown)
            written = _journal.get()
            if durable and written is not None:  # the clerk's files, not the cache's entries
                written.append(path)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(err, OSError) and err.errno == errno.EEXIST:
            raise _exists(shown) from None
        if isinstance(err, OSError):
            raise OutputError(
                f"không ghi được tệp '{shown}' ({_reason(err)})", os_hint(err)
            ) from None
        raise
    if durable:
        _fsync_folder(folder)


def _exists(shown: Path) -> OutputError:
    return OutputError(f"tệp '{shown}' đã tồn tại", "dùng --force để ghi đè")


# link() is refused by file systems without hard links (FAT, some network shares).
_NO_HARD_LINKS = {getattr(errno, name) for name in ("EPERM", "EOPNOTSUPP", "ENOTSUP", "EMLINK")}


def _create_exclusively(temporary: str, path: Path, shown: Path) -> None:
    """Put the finished temporary file at ``path`` only if nothing is there: ``link`` fails
    on any existing name, a dangling symlink included, so a link planted between the check
    and the write cannot send the content elsewhere. Where hard links are not supported, the
    name is claimed with ``O_CREAT | O_EXCL | O_NOFOLLOW`` first and then replaced."""
    try:
        os.link(temporary, path)
    except OSError as err:
        if err.errno not in _NO_HARD_LINKS:
            raise
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        os.close(os.open(path, flags, 0o600))
        os.replace(temporary, path)
        return
    os.unlink(temporary)


def _existing(path: Path, shown: Path) -> os.stat_result | None:
    """The status of the file about to be replaced, refusing files a rename would betray."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    except OSError as err:
        raise OutputError(f"không đọc được tệp '{shown}' ({_reason(err)})") from None
    if not stat.S_ISREG(status.st_mode):
        return None  # devices and folders are the callers' business
    if status.st_nlink > 1:
        raise OutputError(
            f"tệp '{shown}' có {status.st_nlink} tên (liên kết cứng); ghi đè sẽ tách các tên "
            "ra thành hai tệp khác nhau nên chưa ghi gì",
            "ghi vào một bản sao thường của tệp (cp), hoặc dùng liên kết mềm (ln -s) thay cho "
            "liên kết cứng",
        )
    if _read_only_file_system(path):
        raise OutputError(
            f"tệp '{shown}' nằm trên hệ thống tệp (ổ đĩa) chỉ cho đọc nên chưa ghi gì",
            os_hint(OSError(errno.EROFS, "")),
        )
    if not status.st_mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        raise OutputError(
            f"tệp '{shown}' đang để chỉ đọc nên chưa ghi gì",
            f"nếu đúng là cần sửa, bỏ chế độ chỉ đọc (chmod u+w '{shown}') rồi chạy lại",
        )
    return status


def _read_only_file_system(path: Path) -> bool:
    statvfs = getattr(os, "statvfs", None)
    if statvfs is None:  # pragma: no cover - Windows
        return False
    try:
        return bool(statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _keep_owner(descriptor: int, old: os.stat_result, shown: Path) -> None:
    """Give the new file the old file's owner and group, or refuse to take the file over."""
    if not hasattr(os, "fchown"):  # pragma: no cover - Windows has no owners to keep
        return
    if (old.st_uid, old.st_gid) == (os.getuid(), os.getgid()):
        new = os.fstat(descriptor)
        if (new.st_uid, new.st_gid) == (old.st_uid, old.st_gid):
            return
    try:
        os.fchown(descriptor, old.st_uid, old.st_gid)
    except PermissionError:
        raise OutputError(
            f"tệp '{shown}' thuộc người dùng hoặc nhóm khác; ghi lại sẽ đổi chủ của tệp nên "
            "chưa ghi gì",
            "chạy lệnh bằng tài khoản chủ của tệp, hoặc nhờ người đó ghi",
        ) from None


def _reason(err: OSError) -> str:
    return os_reason(err)


@contextlib.contextmanager
def _interrupt_deferred() -> Iterator[None]:
    """Hold back Ctrl-C while the file is replaced and remembered as written, so that an
    interrupted command never replaced a file without knowing it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []

    def remember(number: int, _frame: FrameType | None) -> None:
        caught.append(number)

    previous = signal.signal(signal.SIGINT, remember)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


@contextlib.contextmanager
def locked(path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the writers' lock of ``path`` (of its target, for a symlink) until the block ends.

    Every ``done``/``note`` takes it before reading the file and keeps it until the new file
    has replaced the old one, so two commands on one plan run one after the other.
    """
    path = target_of(path)
    key = str(path.parent.absolute())
    if _held.get(key):  # already ours (``write_atomic`` inside ``done``): flock would wait
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    wait = lock_timeout() if timeout is None else timeout
    with _lock_handle(path) as (descriptor, attempt):
        deadline = time.monotonic() + wait
        while not attempt(descriptor):
            if time.monotonic() >= deadline:
                raise OutputError(
                    f"tệp '{path}' đang được một lệnh khác ghi (đã chờ {wait:g} giây)",
                    "chờ lệnh kia xong rồi chạy lại; nếu không còn lệnh nào đang chạy, đóng các "
                    f"cửa sổ dòng lệnh khác (thời gian chờ đặt bằng biến {LOCK_TIMEOUT_ENV})",
                )
            time.sleep(_POLL_SECONDS)
        _held[key] = 1
        try:
            yield
        finally:
            _held[key] = 0


_NO_LOCKS = {getattr(errno, name) for name in ("ENOLCK", "EOPNOTSUPP", "ENOSYS", "EINVAL")}


@contextlib.contextmanager
def _lock_handle(path: Path) -> Iterator[tuple[int, _Attempt]]:
    folder = path.parent if str(path.parent) else Path(".")
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        with _windows_lock_file(path) as descriptor:
            yield descriptor, _msvcrt_attempt
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except (FileNotFoundError, NotADirectoryError):  # nothing to lock: the write will say why
        yield -1, lambda _handle: True
        return
    except OSError as err:
        raise OutputError(f"không mở được thư mục '{folder}' ({_reason(err)})") from None

    def attempt(handle: int) -> bool:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError as err:  # a file system without locks (some network shares)
            if err.errno in _NO_LOCKS:
                return True  # the bytes-unchanged check before writing still guards
            raise OutputError(f"không khóa được thư mục '{folder}' ({_reason(err)})") from None
        return True

    try:
        yield descriptor, attempt
    finally:
        os.close(descriptor)  # closing releases the lock


@contextlib.contextmanager
def _windows_lock_file(path: Path) -> Iterator[int]:  # pragma: no cover - Windows
    lock = path.with_name(f".{path.name}.lock")
    try:
        descriptor = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as err:
        raise OutputError(f"không tạo được tệp khóa '{lock}' ({_reason(err)})") from None
    try:
        yield descriptor
    finally:
        os.close(descriptor)


def _msvcrt_attempt(descriptor: int) -> bool:  # pragma: no cover - Windows
    import msvcrt

    try:
        msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
    except OSError:
        return False
    return True


def _default_mode() -> int:
    """Permissions of a new file as the user's umask asks (temp files start as 0600)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
