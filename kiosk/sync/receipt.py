"""Receipt codes: the office PC's proof that a batch arrived, typed in at the kiosk.

Only when staff type the receipt code does the kiosk mark that batch's
entries received, and only then may personal data past its retention be
deleted.  Without a receipt nothing personal is ever deleted.

The code (6 characters, alphabet without look-alikes) is derived from the
batch: for encrypted batches from the key agreement, so only someone who
could decrypt the batch can know it (a photo of the screen is not enough);
for anonymous batches from a SHA-256 over the whole envelope.  See
docs/sync-format.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kiosk.i18n import _
from kiosk.sync.errors import ReceiptError
from kiosk.sync.handover import (
    MAX_CONFIRMED,
    STATE_KEY,
    _today,
    read_outbox,
    remove_outbox,
    sync_state,
)
from kiosk.sync.ids import CODE_ALPHABET

RECEIPT_CHARS = 6


@dataclass(frozen=True)
class ReceiptResult:
    ok: bool
    message: str                  # German, for the screen / terminal
    batch_id: str = ""
    seq: int = 0
    marked: int = 0               # entries now marked received
    purged: int = 0               # sign-ups whose personal fields were removed
    already: bool = False         # the code had been confirmed before


def normalise_code(text: str) -> str:
    """Upper case, spaces and dashes removed; ReceiptError when it cannot be a receipt code."""
    cleaned = "".join(ch for ch in str(text).upper() if not ch.isspace() and ch not in "-_.")
    if len(cleaned) != RECEIPT_CHARS:
        raise ReceiptError(_("Der Quittungscode hat {n} Zeichen – bitte genau so eintippen, wie ihn das "
                             "Einlese-Programm zeigt.").format(n=RECEIPT_CHARS))
    wrong = sorted({ch for ch in cleaned if ch not in CODE_ALPHABET})
    if wrong:
        raise ReceiptError(_("Im Quittungscode kommen {chars} nicht vor (es gibt kein I, O, 0 und 1). "
                             "Bitte noch einmal nachsehen.").format(chars=", ".join(wrong)))
    return cleaned


def apply_receipt(store, config, code: str, today: date | None = None) -> ReceiptResult:
    """Check ``code`` against the batches this kiosk showed; on a match mark and purge.

    Marks exactly that batch's entries received (``store.mark_received``),
    forgets it and the older batches it supersedes, and then removes personal
    fields of received sign-ups whose day lies more than
    ``retention_days_after_occurrence`` days back (``store.purge_personal``).
    """
    try:
        wanted = normalise_code(code)
    except ReceiptError as error:
        return ReceiptResult(False, str(error))
    today = today or _today(store)
    state = sync_state(store)
    for done in state["confirmed"]:
        if done.get("receipt") == wanted:
            purged = _purge(store, config, today)
            message = _("Dieser Code wurde schon bestätigt (Paket Nr. {seq}). Alles in Ordnung.").format(seq=done.get("seq"))
            if done.get("by"):
                message = _("Paket Nr. {seq} steckt in einem neueren Paket, das schon bestätigt ist. Alles in Ordnung.").format(
                    seq=done.get("seq"))
            return ReceiptResult(True, message, done.get("id", ""), int(done.get("seq", 0)), 0, purged, already=True)
    match = next((b for b in state["shown"] if b.get("receipt") == wanted), None)
    if match is None:
        return ReceiptResult(False, _(
            "Dieser Code passt nicht zu den gezeigten Übergabe-Codes. Bitte den Code vom Büro-PC noch einmal "
            "genau ablesen. Es wurde nichts gelöscht."))
    box = read_outbox(store, match["id"])
    if not box or not isinstance(box.get("ids"), dict):
        return ReceiptResult(False, _(
            "Der Code passt, aber der Kiosk findet seine Liste zu diesem Paket nicht mehr. Bitte die Übergabe "
            "noch einmal machen (neue Codes zeigen und einlesen). Es wurde nichts gelöscht."))
    day_ids = {date.fromisoformat(day): ids for day, ids in box["ids"].items()}
    store.mark_received(day_ids)
    marked = sum(len(ids) for ids in day_ids.values())
    seq = int(match["seq"])
    # Every entry of an older shown batch that was still pending is also in this one.
    superseded = [b for b in state["shown"] if int(b["seq"]) <= seq]
    state["shown"] = [b for b in state["shown"] if int(b["seq"]) > seq]
    state["base_seq"] = max(int(state["base_seq"]), seq)
    state["anon_counts"].update(box.get("count_digests") or {})
    # Older batches count as confirmed too: typing their code later is no mistake.
    done = [{"id": b["id"], "seq": int(b["seq"]), "receipt": b.get("receipt", ""), "at": today.isoformat(),
             "counts": b.get("counts", {}), "by": match["id"]} for b in superseded if b is not match]
    done.append({"id": match["id"], "seq": seq, "receipt": wanted, "at": today.isoformat(),
                 "counts": match.get("counts", {})})
    state["confirmed"] = (state["confirmed"] + done)[-MAX_CONFIRMED:]
    store.state.set(STATE_KEY, state)
    for old in superseded:
        remove_outbox(store, old["id"])
    purged = _purge(store, config, today)
    counts = match.get("counts", {})
    return ReceiptResult(True, _(
        "Danke! Paket Nr. {seq} ist im Büro angekommen: {s} Anmeldungen, {f} Smiley-Stimmen, {w} Wünsche."
    ).format(seq=seq, s=counts.get("signups", 0), f=counts.get("feedback", 0), w=counts.get("wishes", 0)),
        match["id"], seq, marked, purged)


def _purge(store, config, today: date) -> int:
    keep_days = int(getattr(config, "retention_days_after_occurrence", 0) or 0)
    return store.purge_personal(today - timedelta(days=keep_days))


def overdue_signups(store, config, today: date) -> int:
    """Sign-ups not yet received that were made ``handover_warn_days`` or more days ago.

    For the staff area's "waited too long for the hand-over" warning.
    """
    limit = today - timedelta(days=int(getattr(config, "handover_warn_days", 3) or 3))
    count = 0
    for day in store.pending_days():
        for rec in store.records("signup", day, day):
            if rec.get("received") is True:
                continue
            try:
                made = datetime.fromisoformat(str(rec.get("created", ""))).date()
            except ValueError:
                made = day
            if made <= limit:
                count += 1
    return count


def last_confirmed(store) -> dict | None:
    """The newest receipted batch (id, seq, receipt, at, counts), for the staff screen."""
    confirmed = sync_state(store)["confirmed"]
    return confirmed[-1] if confirmed else None
