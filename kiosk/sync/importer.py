"""Staff import tool: photos, screenshots and text files in; merged store and receipt codes out.

Works the same for every source: each text read (from a QR symbol or a line
of a text file) goes into one :class:`ChunkCollector`; chunks of batches
that are not complete yet are kept in the staff store's inbox, so the
missing photos can be added in a later run.  A complete batch is verified,
decrypted (the passphrase is asked for only when an encrypted batch needs
it), merged and answered with its receipt code on a line of its own.

Bad input never changes the store: a damaged or foreign batch is reported
and left out; a wrong key or passphrase stops the run before anything is
written.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from kiosk.i18n import _
from kiosk.sync import envelope
from kiosk.sync.batch import decode as decode_payload
from kiosk.sync.chunks import ChunkCollector, PartialBatch
from kiosk.sync.decode import IMAGE_SUFFIXES, read_image_file
from kiosk.sync.errors import KeyProblem, SyncError
from kiosk.sync.staff_store import StaffStore

TEXT_SUFFIXES = (".txt", ".text", ".csv")

KeyProvider = Callable[[], X25519PrivateKey]


@dataclass
class BatchOutcome:
    batch_id: str
    status: str                 # "imported", "already", "incomplete", "failed"
    message: str                # German, one or more lines
    receipt: str = ""
    kiosk_id: str = ""
    seq: int = 0
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    outcomes: list[BatchOutcome] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)    # per file: not an image, no code found, not a kiosk code…
    chunks_read: int = 0

    @property
    def ok(self) -> bool:
        return not any(o.status == "failed" for o in self.outcomes)

    @property
    def receipts(self) -> list[str]:
        return [o.receipt for o in self.outcomes if o.receipt]


def expand_sources(sources: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """Files to read (folders searched recursively) and notes about what cannot be read."""
    files: list[Path] = []
    notes: list[str] = []
    for source in sources:
        source = Path(source)
        if source.is_dir():
            for path in sorted(source.rglob("*")):
                if path.is_file() and path.suffix.lower() in IMAGE_SUFFIXES + TEXT_SUFFIXES:
                    files.append(path)
        elif source.is_file():
            files.append(source)
        else:
            notes.append(_("{path}: diese Datei oder diesen Ordner gibt es nicht.").format(path=source))
    return files, notes


def texts_from_file(path: Path) -> list[str]:
    """Chunk candidates in one file: QR symbols of an image, or the lines of a text file."""
    if path.suffix.lower() in IMAGE_SUFFIXES:
        return read_image_file(path)
    if path.suffix.lower() in TEXT_SUFFIXES:
        try:
            content = path.read_text(encoding="utf-8-sig", errors="replace")
        except OSError as exc:
            raise SyncError(_("{name}: lässt sich nicht lesen ({why}).").format(name=path.name, why=exc.strerror)) from None
        return [line.strip() for line in content.splitlines() if line.strip()]
    # Unknown suffix: try as image (phones sometimes save without a proper suffix).
    return read_image_file(path)


def collect_files(files: Iterable[Path], collector: ChunkCollector, report: ImportReport) -> None:
    for path in files:
        try:
            texts = texts_from_file(path)
        except SyncError as error:
            report.notes.append(str(error))
            continue
        if not texts:
            report.notes.append(_("{name}: kein QR-Code gefunden (unscharf, zu klein oder abgeschnitten?).").format(
                name=path.name))
            continue
        add_texts(texts, collector, report, source=path.name)


def add_texts(texts: Iterable[str], collector: ChunkCollector, report: ImportReport, source: str = "") -> None:
    """Feed texts to the collector; problems are noted once per source and message."""
    problems: Counter = Counter()
    for text in texts:
        result = collector.add(text)
        if result.status == "new":
            report.chunks_read += 1
        elif result.message:
            problems[result.message] += 1
    for message, count in problems.items():
        if count > 1:
            message = _("{message} ({n}-mal)").format(message=message, n=count)
        report.notes.append(f"{source}: {message}" if source else message)


def describe_partial(partial: PartialBatch) -> str:
    """"Paket ABCD… vom Kiosk huels-sued (Nr. 5): 3 von 5 gelesen, es fehlen 2 und 4"."""
    who = ""
    first = partial.parts.get(1)
    if first is not None:
        try:
            head = envelope.parse_header_only(first.data)
            who = _(" vom Kiosk {kiosk} (Nr. {seq})").format(kiosk=head.kiosk_id, seq=head.seq)
        except SyncError:
            who = ""
    return _("Paket {b}{who}: {progress}").format(b=partial.batch_id, who=who, progress=partial.progress())


class Importer:
    """Turns complete batches into merged data; asks for the key once, when first needed."""

    def __init__(self, staff: StaffStore, key_provider: KeyProvider | None) -> None:
        self.staff = staff
        self._key_provider = key_provider
        self._key: X25519PrivateKey | None = None

    def _private_key(self) -> X25519PrivateKey:
        if self._key is None:
            if self._key_provider is None:
                raise KeyProblem(_("Für verschlüsselte Pakete bitte die Schlüsseldatei angeben: --key DATEI"))
            self._key = self._key_provider()
        return self._key

    def process(self, collector: ChunkCollector, report: ImportReport) -> None:
        """Import every complete batch; remember incomplete ones in the inbox.  Call save() after."""
        for batch_id, partial in list(collector.batches.items()):
            known = self.staff.batch(batch_id)
            if known is not None:
                report.outcomes.append(self._already(batch_id, known))
                collector.drop(batch_id)
        opened = []
        for batch_id, partial in list(collector.batches.items()):
            if not partial.complete:
                self.staff.inbox()[batch_id] = [c.text for _, c in sorted(partial.parts.items())]
                report.outcomes.append(BatchOutcome(batch_id, "incomplete", describe_partial(partial)))
                continue
            try:
                env = envelope.parse(partial.envelope())
            except SyncError as error:
                report.outcomes.append(self._failed(batch_id, error))
                self.staff.inbox().pop(batch_id, None)
                continue
            if env.header.batch_text != batch_id:
                report.outcomes.append(self._failed(batch_id, SyncError(
                    _("Die Teile passen nicht zusammen (Paket-Kennung im Inhalt ist eine andere)."))))
                self.staff.inbox().pop(batch_id, None)
                continue
            opened.append(env)
        # Older batches of a kiosk first, so a gap inside one run is judged correctly.
        for env in sorted(opened, key=lambda e: (e.header.kiosk_id, e.header.seq)):
            report.outcomes.append(self._import(env))

    def _import(self, env: envelope.Envelope) -> BatchOutcome:
        head = env.header
        batch_id = head.batch_text
        try:
            key = self._private_key() if head.encrypted else None
            data, receipt = envelope.open_payload(env, key)
            payload = decode_payload(data, head.kiosk_id)
        except KeyProblem as problem:
            # Wrong key file or passphrase: stop the whole run, nothing is written.
            raise KeyProblem(_("Paket {b} vom Kiosk {kiosk} (Nr. {seq}): {why}").format(
                b=batch_id, kiosk=head.kiosk_id, seq=head.seq, why=problem)) from None
        except SyncError as error:
            self.staff.inbox().pop(batch_id, None)
            return self._failed(batch_id, error)
        warnings = self._gap_warnings(head)
        self.staff.merge(head, payload, receipt)
        c = payload.counts()
        what = _("{s} Anmeldungen, {f} Smiley-Stimmen, {w} Wünsche").format(
            s=c["signups"], f=c["feedback"], w=c["wishes"])
        if not head.encrypted:
            what += " " + _("(nur anonyme Daten: am Kiosk ist noch kein Schlüssel eingetragen)")
        message = _("Paket {b} vom Kiosk {kiosk} (Nr. {seq}, {day}) übernommen: {what}.").format(
            b=batch_id, kiosk=head.kiosk_id, seq=head.seq, day=head.created.strftime("%d.%m.%Y"), what=what)
        return BatchOutcome(batch_id, "imported", message, receipt, head.kiosk_id, head.seq, warnings)

    def _gap_warnings(self, head: envelope.Header) -> list[str]:
        if head.seq <= 1 or not head.prev_text or self.staff.batch(head.prev_text) is not None:
            return []
        prev_seq = head.seq - 1
        if prev_seq > head.base_seq:
            return [_("Hinweis: Paket Nr. {n} dieses Kiosks wurde hier nie eingelesen. Es wurde am Kiosk aber auch "
                      "nicht bestätigt, darum steckt sein Inhalt in diesem Paket – es fehlt nichts.").format(n=prev_seq)]
        return [_("Achtung: Paket Nr. {n} des Kiosks {kiosk} wurde hier nie eingelesen, am Kiosk aber schon bestätigt "
                  "(vielleicht an einem anderen PC?). Seine Einträge fehlen in dieser Sammlung.").format(
            n=prev_seq, kiosk=head.kiosk_id)]

    @staticmethod
    def _already(batch_id: str, known: dict) -> BatchOutcome:
        return BatchOutcome(batch_id, "already", _(
            "Paket {b} vom Kiosk {kiosk} (Nr. {seq}) wurde schon eingelesen – es ändert sich nichts.").format(
            b=batch_id, kiosk=known.get("kiosk"), seq=known.get("seq")), known.get("receipt", ""),
            known.get("kiosk", ""), int(known.get("seq", 0)))

    @staticmethod
    def _failed(batch_id: str, error: SyncError) -> BatchOutcome:
        return BatchOutcome(batch_id, "failed", _("Paket {b}: {why} Es wurde nichts übernommen.").format(
            b=batch_id, why=str(error)))


def import_sources(sources: Iterable[Path], staff: StaffStore, key_provider: KeyProvider | None,
                   extra_texts: Iterable[str] = ()) -> ImportReport:
    """Read files/folders (and ``extra_texts``, e.g. from the camera), import, save the staff store.

    Raises KeyProblem (wrong key file or passphrase) before anything is saved.
    """
    report = ImportReport()
    collector = ChunkCollector()
    for batch_id, texts in staff.inbox().items():
        for text in texts:
            collector.add(text)
    files, notes = expand_sources(sources)
    report.notes += notes
    collect_files(files, collector, report)
    add_texts(extra_texts, collector, report, source=_("Kamera"))
    Importer(staff, key_provider).process(collector, report)
    staff.save()
    return report


def format_report(report: ImportReport) -> list[str]:
    """Lines for the terminal; each receipt code stands on its own line."""
    lines: list[str] = list(report.notes)
    for outcome in report.outcomes:
        lines.append(outcome.message)
        lines += outcome.warnings
        if outcome.receipt and outcome.status in ("imported", "already"):
            lines.append(_("Quittungscode für den Kiosk (im Mitarbeiterbereich unter »Übergabe bestätigen« eintippen):"))
            lines.append(outcome.receipt)
    if not report.outcomes:
        lines.append(_("Keine Kiosk-Codes gefunden."))
    return lines
