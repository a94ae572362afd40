"""``kiosk import --camera``: read the kiosk's codes live from a webcam on the office PC.

Optional: needs OpenCV with its GUI (``pip install "huels-kiosk[camera]"``, i.e.
opencv-python; the -headless variant cannot open a preview window).  The
preview shows what is read so far ("Paket …: 2 von 3 gelesen, es fehlt 3");
it closes by itself a moment after every batch seen is complete, or with
Esc / q.
"""

from __future__ import annotations

import time
from typing import Callable

from kiosk.i18n import N_, _
from kiosk.sync.chunks import ChunkCollector
from kiosk.sync.errors import SyncError

#: Translated where it is raised (N_: the language is chosen later than import).
INSTALL_HINT = N_(
    "Für das Einlesen mit der Kamera fehlt OpenCV. Bitte einmal installieren:\n"
    "    pip install \"opencv-python>=4.8\"\n"
    "(oder: pip install \"huels-kiosk[camera]\"). Ohne Kamera geht es auch: Fotos der Codes mit dem Handy "
    "machen und »kiosk import --key DATEI --store ORDNER FOTOS…« aufrufen."
)
WINDOW = "Kiosk-Codes einlesen (Esc = fertig)"


def _ascii(text: str) -> str:
    """cv2.putText draws ASCII only."""
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss",
                           "–": "-", "»": '"', "«": '"', "…": "..."})
    return text.translate(table).encode("ascii", "replace").decode("ascii")


def load_cv2():
    try:
        import cv2
    except ImportError:
        raise SyncError(_(INSTALL_HINT)) from None
    return cv2


def scan_with_camera(index: int = 0, report: Callable[[str], None] = print, linger: float = 1.5) -> list[str]:
    """Chunk strings read from camera ``index`` until all seen batches are complete (or Esc)."""
    cv2 = load_cv2()
    import zxingcpp

    capture = cv2.VideoCapture(index)
    if not capture.isOpened():
        raise SyncError(_("Die Kamera Nr. {i} lässt sich nicht öffnen. Ist eine Webcam angeschlossen und "
                          "nicht von einem anderen Programm belegt?").format(i=index))
    collector = ChunkCollector()
    done_at: float | None = None
    try:
        while True:
            ok, frame = capture.read()
            if not ok:
                raise SyncError(_("Die Kamera liefert keine Bilder mehr."))
            grey = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
            for result in zxingcpp.read_barcodes(grey, formats=zxingcpp.BarcodeFormat.QRCode):
                outcome = collector.add(result.text)
                if outcome.status == "new":
                    partial = collector.batches[outcome.batch_id]
                    report(_("Paket {b}: {progress}").format(b=outcome.batch_id, progress=partial.progress()))
                elif outcome.status == "invalid":
                    pass  # a foreign QR code in view: ignore quietly, the preview says nothing new
            lines = [_("Paket {b}: {p}").format(b=b, p=p.progress()) for b, p in collector.batches.items()]
            if not lines:
                lines = [_("Bitte den ersten Code vor die Kamera halten …")]
            complete = bool(collector.batches) and all(p.complete for p in collector.batches.values())
            if complete:
                lines.append(_("Fertig – alle Teile gelesen."))
                done_at = done_at or time.monotonic()
            for row, line in enumerate(lines):
                y = 30 + 28 * row
                cv2.putText(frame, _ascii(line), (12, y), cv2.FONT_HERSHEY_SIMPLEX, 0.7, (0, 0, 0), 4, cv2.LINE_AA)
                cv2.putText(frame, _ascii(line), (12, y), cv2.FONT_HERSHEY_SIMPLEX, 0.7, (80, 255, 80), 2, cv2.LINE_AA)
            try:
                cv2.imshow(WINDOW, frame)
                key = cv2.waitKey(1) & 0xFF
            except cv2.error:
                raise SyncError(_("OpenCV kann hier kein Vorschaufenster öffnen (ist opencv-python-headless "
                                  "installiert?). Bitte »pip install opencv-python« verwenden.")) from None
            if key in (27, ord("q")) or (done_at is not None and time.monotonic() - done_at > linger):
                break
    finally:
        capture.release()
        try:
            cv2.destroyAllWindows()
        except Exception:  # noqa: BLE001 - headless builds have no windows to destroy
            pass
    return [chunk.text for partial in collector.batches.values() for chunk in partial.parts.values()]
