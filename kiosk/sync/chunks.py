"""Chunk strings: one self-describing piece of a batch per QR symbol.

Format (see docs/sync-format.md)::

    HSK1:<batch id>:<index>/<total>:<Base45 data>:<CRC-32 as 8 hex digits>

Each chunk names its batch, its place and the number of pieces, and carries
its own checksum, so symbols can be scanned in any order, twice, or mixed
with other batches and other QR codes.  The checksum comes last so that a
text file editor stripping trailing spaces cannot damage Base45 data (whose
alphabet includes the space).  Every character is in the QR alphanumeric set.
"""

from __future__ import annotations

import math
import re
import zlib
from dataclasses import dataclass, field

from kiosk.i18n import _
from kiosk.sync.base45 import b45decode, b45encode
from kiosk.sync.errors import ChunkError
from kiosk.sync.ids import is_batch_id_text

CHUNK_FORMAT = 1
PREFIX = "HSK"
MAX_TOTAL = 999
# Everything but the data: "HSK1:" + 8 + ":" + "iii/nnn" + ":" + ":" + 8 hex.
HEADER_CHARS_MAX = 5 + 8 + 1 + 7 + 1 + 1 + 8

_CHUNK = re.compile(
    r"HSK(?P<version>[0-9]{1,3}):(?P<batch>[A-Z0-9]{8}):(?P<index>[0-9]{1,3})/(?P<total>[0-9]{1,3}):"
    r"(?P<data>[0-9A-Z $%*+\-./:]*):(?P<crc>[0-9A-F]{8})"
)


@dataclass(frozen=True)
class Chunk:
    batch_id: str       # 8 characters of ids.CODE_ALPHABET
    index: int          # 1-based
    total: int
    data: bytes
    text: str           # the chunk string as read (normalised)


def _checksum(body: str) -> str:
    return f"{zlib.crc32(body.encode('ascii')) & 0xFFFFFFFF:08X}"


def format_chunk(batch_id: str, index: int, total: int, data: bytes) -> str:
    body = f"{PREFIX}{CHUNK_FORMAT}:{batch_id}:{index}/{total}:{b45encode(data)}"
    return f"{body}:{_checksum(body)}"


def max_data_bytes(chunk_chars: int, total: int = MAX_TOTAL) -> int:
    """Bytes of batch data that fit into a chunk string of at most ``chunk_chars`` characters."""
    header = len(f"{PREFIX}{CHUNK_FORMAT}:") + 8 + 1 + len(f"{total}/{total}") + 1 + 1 + 8
    chars = chunk_chars - header
    return max(0, chars // 3 * 2 + (1 if chars % 3 == 2 else 0))


def split_envelope(batch_id: str, envelope: bytes, chunk_chars: int) -> list[str]:
    """Cut ``envelope`` into as few chunks as fit, of nearly equal size (even byte counts)."""
    if not envelope:
        raise ValueError("empty envelope")
    count = 1
    while True:
        room = max_data_bytes(chunk_chars, count)
        if room < 2:
            raise ValueError("chunk too small for any data")
        needed = math.ceil(len(envelope) / (room - room % 2))
        if needed <= count:
            break
        count = needed
    if count > MAX_TOTAL:
        raise ValueError("batch too large for one hand-over")
    size = math.ceil(len(envelope) / count)
    size += size % 2
    pieces = [envelope[i:i + size] for i in range(0, len(envelope), size)]
    return [format_chunk(batch_id, i, len(pieces), piece) for i, piece in enumerate(pieces, start=1)]


def parse_chunk(text: object) -> Chunk:
    """Read one chunk string; raises ChunkError (and nothing else) for anything unusable."""
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("ascii")
        except UnicodeDecodeError:
            raise ChunkError(_("Das ist kein Code vom Kiosk.")) from None
    if not isinstance(text, str):
        raise ChunkError(_("Das ist kein Code vom Kiosk."))
    cleaned = text.strip()
    if not cleaned.upper().startswith(PREFIX):
        raise ChunkError(_("Das ist kein Code vom Kiosk."))
    match = _CHUNK.fullmatch(cleaned)
    if match is None:
        # Lower case can come from retyping or from a scanner app; the format itself is upper case.
        match = _CHUNK.fullmatch(cleaned.upper()) if cleaned.upper() != cleaned else None
        if match is None:
            raise ChunkError(_("Dieser Kiosk-Code ist unvollständig oder beschädigt. Bitte noch einmal scannen."))
        cleaned = cleaned.upper()
    if int(match["version"]) != CHUNK_FORMAT:
        raise ChunkError(_("Dieser Code stammt von einer anderen Kiosk-Version (Format {v}). Bitte das "
                           "Einlese-Programm auf den gleichen Stand bringen.").format(v=int(match["version"])))
    body = cleaned[: match.start("crc") - 1]
    if _checksum(body) != match["crc"]:
        raise ChunkError(_("Dieser Kiosk-Code ist beschädigt (die Prüfsumme stimmt nicht). Bitte noch einmal scannen."))
    if not is_batch_id_text(match["batch"]):
        raise ChunkError(_("Dieser Kiosk-Code ist beschädigt (ungültige Paket-Kennung)."))
    index, total = int(match["index"]), int(match["total"])
    if not 1 <= index <= total:
        raise ChunkError(_("Dieser Kiosk-Code ist beschädigt (Teil {i} von {n} gibt es nicht).").format(i=index, n=total))
    data = b45decode(match["data"])
    if not data:
        raise ChunkError(_("Dieser Kiosk-Code ist leer."))
    return Chunk(match["batch"], index, total, data, cleaned)


def german_list(numbers: list[int]) -> str:
    """``[2, 4, 5]`` → "2, 4 und 5"."""
    parts = [str(n) for n in numbers]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " " + _("und") + " " + parts[-1]


@dataclass
class PartialBatch:
    batch_id: str
    total: int
    parts: dict[int, Chunk] = field(default_factory=dict)

    @property
    def missing(self) -> list[int]:
        return [i for i in range(1, self.total + 1) if i not in self.parts]

    @property
    def complete(self) -> bool:
        return len(self.parts) == self.total

    def envelope(self) -> bytes:
        if not self.complete:
            raise ChunkError(self.progress())
        return b"".join(self.parts[i].data for i in range(1, self.total + 1))

    def progress(self) -> str:
        """"3 von 5 gelesen, es fehlen 2 und 4" (German, for the screen and the terminal)."""
        missing = self.missing
        if not missing:
            return _("alle {n} Teile gelesen").format(n=self.total)
        if len(missing) == 1:
            return _("{got} von {n} gelesen, es fehlt {missing}").format(
                got=len(self.parts), n=self.total, missing=missing[0])
        return _("{got} von {n} gelesen, es fehlen {missing}").format(
            got=len(self.parts), n=self.total, missing=german_list(missing))


@dataclass(frozen=True)
class AddResult:
    status: str            # "new", "duplicate", "conflict", "invalid"
    batch_id: str = ""
    message: str = ""      # German, for "conflict" and "invalid"


class ChunkCollector:
    """Collects chunk strings from any source, in any order, and groups them by batch."""

    def __init__(self) -> None:
        self.batches: dict[str, PartialBatch] = {}

    def add(self, text: object) -> AddResult:
        try:
            chunk = parse_chunk(text)
        except ChunkError as error:
            return AddResult("invalid", message=str(error))
        return self.add_chunk(chunk)

    def add_chunk(self, chunk: Chunk) -> AddResult:
        partial = self.batches.get(chunk.batch_id)
        if partial is None:
            partial = self.batches[chunk.batch_id] = PartialBatch(chunk.batch_id, chunk.total)
        if chunk.total != partial.total:
            return AddResult("conflict", chunk.batch_id, _(
                "Ein Code für Paket {b} sagt {n} Teile, die anderen {m}: er wird nicht verwendet."
            ).format(b=chunk.batch_id, n=chunk.total, m=partial.total))
        known = partial.parts.get(chunk.index)
        if known is not None:
            if known.data == chunk.data:
                return AddResult("duplicate", chunk.batch_id)
            return AddResult("conflict", chunk.batch_id, _(
                "Teil {i} von Paket {b} wurde zweimal mit verschiedenem Inhalt gelesen; der erste wird verwendet."
            ).format(i=chunk.index, b=chunk.batch_id))
        partial.parts[chunk.index] = chunk
        return AddResult("new", chunk.batch_id)

    def drop(self, batch_id: str) -> None:
        self.batches.pop(batch_id, None)
