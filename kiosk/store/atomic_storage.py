"""Crash-safe JSON files: a TinyDB storage that never leaves a half-written file.

The tablet can lose power at any moment.  TinyDB's own ``JSONStorage``
rewrites its file in place, so a power cut in the middle leaves half a file
and the day's entries are gone.  Here every write goes through the classic
protocol:

1. write the new content to a temporary file in the same directory
   (``.<name>.tmp``), flush and ``fsync`` it;
2. keep the current good content as the single backup generation
   (``<name>.bak``, a hard link, so it costs no copying);
3. ``os.replace`` the temporary file over the real one (atomic on POSIX);
4. ``fsync`` the directory, so the rename itself survives a power cut.

A reader therefore always sees either the old or the new content, never a
mix.  The backup is for the rarer case that a file turns out unreadable
later (a broken SD card, a file edited by hand): the store then sets the bad
file aside and goes on with the backup (see :mod:`kiosk.store.recovery`).

Each step calls an optional *fault hook* with the step's name, so the
power-cut tests can stop the protocol exactly there.  A real ``OSError``
(disk full, read-only, I/O error) becomes a :class:`StoreWriteError`; the
in-memory content then still equals what is on disk, so the caller can keep
its entry and simply try again.
"""

from __future__ import annotations

import errno
import json
import os
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: single process only
    fcntl = None  # type: ignore[assignment]

from tinydb.storages import Storage

from kiosk.i18n import _
from kiosk.store import recovery

# The protocol's steps, in order; the fault hook is called after each.
STEPS = (
    "tmp-created",   # empty temporary file exists
    "tmp-partial",   # half of the new content is in the temporary file
    "tmp-written",   # all of it, not yet synced
    "tmp-synced",    # temporary file is durable, not yet renamed
    "backup-kept",   # <name>.bak now holds the current (old) content
    "replaced",      # renamed over the real file, directory not yet synced
    "dir-synced",    # done: the new content is durable
)

FaultHook = Callable[[str, Path], None]
ProblemSink = Callable[[str], None]

_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


class StoreWriteError(OSError):
    """The disk refused a write (full, read-only, I/O error).

    A subclass of ``OSError`` (same ``errno``) whose ``strerror`` is a calm
    German sentence.  Nothing was changed in memory that is not on disk: keep
    the entry and call ``add`` again later with the same record.
    """


def write_error(exc: OSError, path: Path) -> StoreWriteError:
    code = exc.errno or errno.EIO
    if code in _FULL:
        message = _("Der Speicher des Tablets ist voll. Der Eintrag wird noch einmal versucht.")
    elif code == errno.EROFS:
        message = _("Der Speicher des Tablets ist schreibgeschützt. Der Eintrag wird noch einmal versucht.")
    else:
        message = _("Der Speicher des Tablets meldet einen Schreibfehler. Der Eintrag wird noch einmal versucht.")
    return StoreWriteError(code, message, str(path))


def dumps(data: Any) -> bytes:
    """Compact UTF-8 JSON (umlauts as they are, so the file stays readable)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def is_tinydb_shape(data: Any) -> bool:
    """TinyDB's layout: ``{table: {doc_id: {field: value}}}``."""
    return isinstance(data, dict) and all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())
        for table in data.values()
    )


def is_mapping(data: Any) -> bool:
    return isinstance(data, dict)


def _write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def fsync_dir(directory: Path) -> None:
    """Make renames and new names in ``directory`` durable (no-op on Windows)."""
    if os.name == "nt":  # pragma: no cover - the tablet runs Linux
        return
    fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


LOCK_NAME = ".lock"


@contextmanager
def directory_lock(directory: Path) -> Iterator[None]:
    """Hold an advisory lock on ``directory`` while writing or cleaning up.

    The kiosk app and a command-line call (``kiosk stats``) may open the
    same data directory; without the lock, the second one's clean-up of
    leftover temporary files could delete a temporary file the first one is
    still writing.  A read-only or broken disk gets no lock (nobody can
    write there anyway) and the write itself reports the error.
    """
    if fcntl is None:  # pragma: no cover
        yield
        return
    try:
        fd = os.open(directory / LOCK_NAME, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except OSError:
        pass  # read-only or broken disk: leftovers are removed at the next open


def _default_now() -> datetime:
    from kiosk.clock import KioskClock

    return KioskClock().now()


class AtomicJSONFile:
    """One JSON document on disk, replaced atomically, with one backup.

    The current content is kept as the exact bytes on disk (``payload``), so
    memory and disk can be compared byte for byte and every reader gets a
    freshly parsed copy that it may change freely.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        valid: recovery.Validator = is_mapping,
        label: str = "",
        on_problem: Optional[ProblemSink] = None,
        now: Optional[Callable[[], datetime]] = None,
        fault_hook: Optional[FaultHook] = None,
    ) -> None:
        self.path = Path(path)
        self.backup_path = self.path.with_name(self.path.name + ".bak")
        self.tmp_path = self.path.with_name(f".{self.path.name}.tmp")
        self.backup_tmp_path = self.path.with_name(f".{self.path.name}.bak.tmp")
        self._valid = valid
        self.label = label or self.path.name
        self._on_problem = on_problem
        self._now = now or _default_now
        self.fault_hook = fault_hook
        self.payload: bytes | None = None  # None: no file yet
        self.recovered = False  # True when this open had to set a file aside or restore
        self.existed = False
        self._load()

    # -- reading -------------------------------------------------------------

    def data(self) -> Any:
        """A fresh parsed copy of the content, or None when there is no file."""
        return None if self.payload is None else json.loads(self.payload)

    def _load(self) -> None:
        """Read the file; set aside what is unusable and fall back to the backup."""
        self._remove_temp_files()
        reason, payload = recovery.read_valid(self.path, self._valid)
        if reason is None and payload is not None:
            self.payload = payload
            self.existed = True
            return
        if reason is None:  # no file at all
            if not os.path.lexists(self.backup_path):
                return  # simply new
            reason = "missing"
        self._recover(reason)

    def _recover(self, reason: str) -> None:
        self.recovered = True
        self.existed = True
        aside = None if reason == "missing" else recovery.set_aside(self.path, self._now())
        backup_reason, backup = recovery.read_valid(self.backup_path, self._valid)
        if backup is not None:
            try:
                # Main file is gone (set aside): write the backup back as the
                # real file, without making a new backup of the bad one.
                self._write_payload(backup, keep_backup=False)
            except StoreWriteError:
                self.payload = backup  # the kiosk goes on; the next write retries
        elif backup_reason is not None:
            recovery.set_aside(self.backup_path, self._now())
        if reason != "missing" and aside is not None:
            try:
                fsync_dir(self.path.parent)
            except OSError:
                pass
        message = recovery.report(
            label=self.label, path=self.path, reason=reason, aside=aside, restored=backup is not None
        )
        if self._on_problem is not None:
            self._on_problem(message)

    def _remove_temp_files(self) -> None:
        """Temporary files are left only by a crash mid-write: never valid, drop them."""
        if not os.path.lexists(self.tmp_path) and not os.path.lexists(self.backup_tmp_path):
            return
        with directory_lock(self.path.parent):
            _unlink_quietly(self.tmp_path)
            _unlink_quietly(self.backup_tmp_path)

    # -- writing -------------------------------------------------------------

    def write(self, data: Any) -> None:
        """Serialise ``data`` and make it the durable content (or raise StoreWriteError)."""
        self._write_payload(dumps(data), keep_backup=True)

    def _fault(self, step: str) -> None:
        if self.fault_hook is not None:
            self.fault_hook(step, self.path)

    def _write_payload(self, payload: bytes, *, keep_backup: bool) -> None:
        with directory_lock(self.path.parent):
            self._write_payload_locked(payload, keep_backup=keep_backup)

    def _write_payload_locked(self, payload: bytes, *, keep_backup: bool) -> None:
        replaced = False
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
            fd = os.open(self.tmp_path, flags, 0o600)  # personal data: owner only
            try:
                self._fault("tmp-created")
                half = len(payload) // 2
                _write_all(fd, payload[:half])
                self._fault("tmp-partial")
                _write_all(fd, payload[half:])
                self._fault("tmp-written")
                os.fsync(fd)
                self._fault("tmp-synced")
            finally:
                os.close(fd)
            if keep_backup and self.payload is not None:
                self._keep_backup()
            self._fault("backup-kept")
            os.replace(self.tmp_path, self.path)
            replaced = True
            self._fault("replaced")
            fsync_dir(self.path.parent)
            self._fault("dir-synced")
        except OSError as exc:
            if replaced:
                # The new content *is* the file now, only its durability is in
                # doubt: memory follows the disk, the caller retries.
                self.payload = payload
            else:
                _unlink_quietly(self.tmp_path)
            raise write_error(exc, self.path) from exc
        self.payload = payload

    def refresh_backup(self) -> None:
        """Make the backup equal to the current content.

        Used after personal data was purged: otherwise the previous
        generation in ``<name>.bak`` would keep the names and numbers.
        """
        if self.payload is None:
            return
        try:
            with directory_lock(self.path.parent):
                self._keep_backup()
                fsync_dir(self.path.parent)
        except OSError as exc:
            raise write_error(exc, self.backup_path) from exc

    def _keep_backup(self) -> None:
        """Make ``<name>.bak`` the current (about to be old) content.

        A hard link shares the old file's data, so keeping the backup costs
        no copying; filesystems without hard links get a real copy.
        """
        _unlink_quietly(self.backup_tmp_path)
        try:
            os.link(self.path, self.backup_tmp_path)
        except OSError as exc:
            if exc.errno in _FULL or exc.errno in (errno.EROFS, errno.EIO):
                raise
            assert self.payload is not None
            fd = os.open(self.backup_tmp_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                _write_all(fd, self.payload)
                os.fsync(fd)
            finally:
                os.close(fd)
        os.replace(self.backup_tmp_path, self.backup_path)


class AtomicJSONStorage(Storage):
    """TinyDB storage on top of :class:`AtomicJSONFile`.

    Use as ``TinyDB(path, storage=AtomicJSONStorage, label=…, on_problem=…)``.

    ``read()`` returns a freshly parsed dict every time.  That matters:
    TinyDB's ``Table`` changes the dict it got from ``read()`` in place and
    then calls ``write()``; if ``read()`` handed out a cached object, a write
    the disk refused would still have changed memory.  The cached bytes are
    replaced only after a successful write.  (Parsing a day of 600 entries
    takes under a millisecond, far below the cost of the fsyncs.)
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        label: str = "",
        on_problem: Optional[ProblemSink] = None,
        now: Optional[Callable[[], datetime]] = None,
        fault_hook: Optional[FaultHook] = None,
    ) -> None:
        super().__init__()
        self.file = AtomicJSONFile(
            path, valid=is_tinydb_shape, label=label, on_problem=on_problem, now=now, fault_hook=fault_hook
        )

    @property
    def exists(self) -> bool:
        return self.file.payload is not None

    def read(self) -> Optional[dict[str, dict[str, Any]]]:
        return self.file.data()

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.file.write(data)

    def close(self) -> None:
        """Nothing to close: no file handle is kept open between writes."""
