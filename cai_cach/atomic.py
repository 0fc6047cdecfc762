"""Write files so that a crash or a full disk never leaves a half-written file behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from cai_cach.errors import OutputError


def write_atomic(path: Path, content: bytes, *, overwrite: bool = True) -> None:
    """Write ``content`` to ``path`` atomically.

    The bytes go to a temporary file in the same folder, are flushed and fsynced, and then
    replace ``path`` in one rename; on any failure the temporary file is removed and the old
    ``path`` (if any) is left exactly as it was. With ``overwrite=False`` an existing file is
    an ``OutputError``.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not overwrite and path.exists():
        raise OutputError(f"tệp '{path}' đã tồn tại", "dùng --force để ghi đè")
    mode = _default_mode()
    with contextlib.suppress(OSError):
        mode = path.stat().st_mode & 0o777
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise OutputError(f"không tạo được tệp trong thư mục '{folder}' ({err.strerror})") from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(err, OSError):
            raise OutputError(f"không ghi được tệp '{path}' ({err.strerror})") from None
        raise
    _fsync_folder(folder)


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
