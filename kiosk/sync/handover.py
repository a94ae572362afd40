"""Kiosk side of the hand-over: build the batch to show, remember what it holds.

``build_handover(store, config)`` is what the staff screen calls.  It
gathers everything not yet received, seals it to the staff key (or, without
a key, sends only anonymous data and says how to fix that), cuts it into
chunk strings and remembers the batch in the kiosk's state, so that the
receipt code typed in later marks exactly that batch's entries received.

Showing the hand-over twice without new entries in between shows the *same*
batch again (same codes, same receipt), so a half-finished scan can simply
be continued and the batch numbers have no holes.

What is remembered (state key ``"sync"``, small): the last seq and batch id,
the base seq (highest receipted), and per shown batch: id, seq, kind,
expected receipt code, content digest and counts.  The record ids per day
and the chunk strings of a shown batch live in ``<data>/sync/<batch>.json``
(written before the state refers to it), so the state file stays small
even after a week without hand-over.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Mapping

from kiosk.i18n import _
from kiosk.store.atomic_storage import AtomicJSONFile
from kiosk.sync import batch as batch_mod
from kiosk.sync import crypto, envelope
from kiosk.sync.chunks import split_envelope
from kiosk.sync.errors import KeyProblem
from kiosk.sync.ids import NO_BATCH, batch_id_text, decode_bits, new_batch_id
from kiosk.sync.qr_symbols import ECC, MAX_VERSION, capacity

STATE_KEY = "sync"
OUTBOX_DIR = "sync"
MAX_SHOWN = 4        # unconfirmed batches whose receipt is still accepted
MAX_CONFIRMED = 20   # receipted batches remembered ("schon bestätigt")


@dataclass(frozen=True)
class Handover:
    """What the hand-over screen shows.  The expected receipt code is deliberately not in here."""

    kind: str                        # "encrypted", "anonymous" or "nothing"
    chunks: tuple[str, ...] = ()
    batch_id: str = ""
    seq: int = 0
    created: date | None = None
    counts: Mapping[str, int] = field(default_factory=dict)   # signups, feedback, wishes, days
    withheld_signups: int = 0        # sign-ups left out because no staff key is configured
    notice: str = ""                 # German, for the screen ("" when all is well)
    reused: bool = False

    @property
    def empty(self) -> bool:
        return not self.chunks

    def summary(self) -> str:
        """One German line about what the codes carry."""
        if self.empty:
            return _("Alles ist übergeben. Es gibt nichts Neues.")
        c = self.counts
        return _("Paket {b} (Nr. {seq}): {s} Anmeldungen, {f} Smiley-Stimmen, {w} Wünsche – {n} QR-Codes.").format(
            b=self.batch_id, seq=self.seq, s=c.get("signups", 0), f=c.get("feedback", 0), w=c.get("wishes", 0),
            n=len(self.chunks))


# --------------------------------------------------------------------------- state helpers


def sync_state(store) -> dict[str, Any]:
    state = store.state.get(STATE_KEY, None)
    if not isinstance(state, dict):
        state = {}
    state.setdefault("seq", 0)
    state.setdefault("last_id", "")
    state.setdefault("base_seq", 0)
    state.setdefault("shown", [])
    state.setdefault("confirmed", [])
    state.setdefault("anon_counts", {})   # ISO day → digest of sign-up counts staff already hold (no-key mode)
    return state


def outbox_dir(store) -> Path:
    return Path(store.data_dir) / OUTBOX_DIR


def outbox_file(store, batch_id: str) -> AtomicJSONFile:
    folder = outbox_dir(store)
    folder.mkdir(parents=True, exist_ok=True)
    return AtomicJSONFile(folder / f"{batch_id}.json", label=_("Übergabe-Paket {b}").format(b=batch_id),
                          on_problem=getattr(store, "problems", []).append)


def read_outbox(store, batch_id: str) -> dict | None:
    path = outbox_dir(store) / f"{batch_id}.json"
    if not path.exists() and not path.with_name(path.name + ".bak").exists():
        return None
    data = outbox_file(store, batch_id).data()
    return data if isinstance(data, dict) else None


def remove_outbox(store, batch_id: str) -> None:
    folder = outbox_dir(store)
    for name in (f"{batch_id}.json", f"{batch_id}.json.bak"):
        try:
            os.unlink(folder / name)
        except OSError:
            pass


def _sweep_outbox(store, keep: set[str]) -> None:
    """Remove outbox files the state no longer refers to (crash leftovers, confirmed batches)."""
    folder = outbox_dir(store)
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        stem = name.lstrip(".").split(".", 1)[0]
        if stem and stem not in keep:
            try:
                os.unlink(folder / name)
            except OSError:
                pass


# --------------------------------------------------------------------------- building


def chunk_chars(version: int = MAX_VERSION, ecc: str = ECC) -> int:
    return capacity(version, ecc, "alnum")


def _today(store) -> date:
    clock = getattr(store, "clock", None)
    if clock is not None:
        return clock.today()
    from kiosk.clock import KioskClock

    return KioskClock().today()


def build_handover(store, config, today: date | None = None) -> Handover:
    """The batch to show now (new, or the same as last time when nothing changed).

    Reads every pending day once and writes the outbox file and the state
    (tens of milliseconds for a busy day): fine on the staff screen's button
    press.  Raises ``OSError`` (StoreWriteError) when the disk refuses;
    nothing is shown then and nothing is lost.
    """
    today = today or _today(store)
    notice = ""
    try:
        public_key = crypto.parse_public_key(config.sync_public_key)
    except KeyProblem as problem:
        public_key = None
        notice = str(problem)
    personal = public_key is not None
    if not store.pending_days():
        return Handover("nothing", notice=notice)
    state = sync_state(store)
    collected = batch_mod.collect(store, config.kiosk_id, personal=personal, known_counts=state["anon_counts"])
    payload = collected.payload
    withheld = collected.withheld_signups
    if withheld:
        notice = _("{n} Anmeldungen mit Namen bleiben auf dem Kiosk, bis ein Schlüssel eingetragen ist; "
                   "übergeben werden nur Smileys, Wünsche und die Zahl der Anmeldungen.").format(n=withheld) + " " + notice
    if not payload.signups and not payload.feedback and not payload.wishes and not payload.signup_counts:
        return Handover("nothing", withheld_signups=withheld, notice=notice.strip())

    plaintext = batch_mod.encode(payload)
    kind = envelope.KIND_ENCRYPTED if personal else envelope.KIND_ANONYMOUS
    digest = hashlib.sha256(
        bytes([kind]) + (crypto.key_id(public_key) if public_key else b"") + config.kiosk_id.encode("utf-8")
        + plaintext
    ).hexdigest()
    kind_name = "encrypted" if personal else "anonymous"

    if state["shown"]:
        latest = state["shown"][-1]
        if latest.get("digest") == digest and latest.get("base_seq") == state["base_seq"]:
            box = read_outbox(store, latest["id"])
            if box and box.get("chunks"):
                return Handover(kind_name, tuple(box["chunks"]), latest["id"], latest["seq"],
                                date.fromisoformat(latest["created"]), latest.get("counts", {}),
                                withheld, notice.strip(), reused=True)

    seq = int(state["seq"]) + 1
    raw_id = new_batch_id()
    prev = decode_bits(state["last_id"]) if state["last_id"] else NO_BATCH
    header = envelope.Header(kind, raw_id, seq, int(state["base_seq"]), prev, today, config.kiosk_id)
    raw, receipt = envelope.build(header, plaintext, public_key)
    batch_text = batch_id_text(raw_id)
    chunks = split_envelope(batch_text, raw, chunk_chars())
    counts = payload.counts()

    # 1. what the receipt will mark, durable before anything refers to it
    outbox_file(store, batch_text).write({
        "ids": {d.isoformat(): ids for d, ids in collected.record_ids.items()},
        "count_digests": collected.count_digests,
        "chunks": chunks,
    })
    # 2. the state: from now on this batch's receipt is accepted
    meta = {"id": batch_text, "seq": seq, "kind": kind_name, "created": today.isoformat(), "receipt": receipt,
            "digest": digest, "base_seq": int(state["base_seq"]), "counts": counts}
    shown = (state["shown"] + [meta])[-MAX_SHOWN:]
    dropped = {b["id"] for b in state["shown"]} - {b["id"] for b in shown}
    pending = {d.isoformat() for d in store.pending_days()}
    state.update({"seq": seq, "last_id": batch_text, "shown": shown,
                  "anon_counts": {d: v for d, v in state["anon_counts"].items() if d in pending}})
    store.state.set(STATE_KEY, state)
    for batch_id in dropped:
        remove_outbox(store, batch_id)
    _sweep_outbox(store, {b["id"] for b in shown})
    return Handover(kind_name, tuple(chunks), batch_text, seq, today, counts, withheld, notice.strip())


def write_symbols(handover: Handover, out_dir: Path, *, module_px: int | None = None) -> list[Path]:
    """PNG per symbol plus chunks.txt (raw chunk strings, one per line) into ``out_dir``."""
    from kiosk.sync.qr_symbols import MODULE_PX, render_symbol

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    total = len(handover.chunks)
    for i, chunk in enumerate(handover.chunks, start=1):
        path = out_dir / f"kiosk-{handover.batch_id}-{i:02d}-von-{total:02d}.png"
        render_symbol(chunk, module_px=module_px or MODULE_PX).save(path)
        paths.append(path)
    text = out_dir / "chunks.txt"
    text.write_text("".join(c + "\n" for c in handover.chunks), encoding="ascii")
    paths.append(text)
    return paths


def describe_state(store) -> str:
    """German lines for ``kiosk export``: which batches wait for their receipt."""
    state = sync_state(store)
    lines = [_("Paket {b} (Nr. {seq}, {day}) wartet auf den Quittungscode.").format(
        b=b["id"], seq=b["seq"], day=date.fromisoformat(b["created"]).strftime("%d.%m.%Y")) for b in state["shown"]]
    return "\n".join(lines)
