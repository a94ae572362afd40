"""Benchmark: how many QR symbols a busy day needs, and which symbols still scan.

Run by hand:  python tests/bench/bench_sync.py [--trials N] [--seeds N] [--write-docs]

1. Capacity per symbol: QR alphanumeric mode with Base45 vs byte mode
   (raw binary, and Base64 text as a text-safe byte-mode alternative).
2. A busy day (about 60 sign-ups, 400 smiley votes, 30 wishes, made with
   kiosk.demo.generate_busy_day) and a week without hand-over: bytes per
   record and number of symbols of our format, against a naive baseline
   (pretty-printed JSON of the records in byte-mode QR at the same version
   and error-correction level), plus other serialisations for comparison.
3. Scanning: symbols of each version / error-correction level / pixels per
   module, shown on a simulated 1280×800 screen, "photographed" with random
   phone-like distortions (perspective, rotation, downscaling, blur, glare,
   noise, JPEG), decoded with zxing-cpp; success rate per cell.

With --write-docs the figures replace the section "## Sync: symbols for a
busy day" in docs/benchmarks.md (other sections are left alone).
"""

from __future__ import annotations

import argparse
import json
import lzma
import math
import os
import platform
import random
import sys
import tempfile
import time
import zlib
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.sync_helpers import PhotoParams, make_service, on_screen, phone_photo  # noqa: E402

from kiosk.config import load_config  # noqa: E402
from kiosk.demo import generate_busy_day  # noqa: E402
from kiosk.sync import batch as batch_mod  # noqa: E402
from kiosk.sync import crypto  # noqa: E402
from kiosk.sync.chunks import max_data_bytes, split_envelope  # noqa: E402
from kiosk.sync.handover import build_handover  # noqa: E402
from kiosk.sync.qr_symbols import ECC, MAX_VERSION, MODULE_PX, QUIET_ZONE, capacity, make_qr, render_symbol, side_px  # noqa: E402

DAY = date(2026, 11, 24)
HEADING = "## Sync: symbols for a busy day"
AREA_PX = 720  # height of the code area on the 1280×800 screen
DECISION = """\
- **Mode: Base45 in alphanumeric mode.** Raw binary in byte mode carries 3 % more per symbol
  (997 vs 967 bytes at 25-M), but is not text; the only text-safe byte-mode form (Base64) carries
  25 % less. Base45 keeps one chunk string the same in the symbol, in `chunks.txt` and in a phone
  scanner app, for 3 %.
- **Pixels per module decide whether a photo scans, the version hardly does.** With the same photo
  conditions, every version from 15 to 30 reads (almost) the same at the same pixels per module:
  at severity 1.0, 3 px loses a quarter to a third of the photos, 4 and 5 px lose none; under harsh
  conditions (severity 1.5, down to about 2 camera pixels per module) 5 px reads 14 of 24 and 6 px
  about 20 of 24, in every version alike. 6 px would allow only version ≤ 20 in the code area and
  a busy day would need 4 symbols. So: **5 px per module**, and versions up to **25** (625 px with
  the quiet zone, leaving margin for a caption in the 720 px area). A screen may draw a smaller
  symbol with more pixels per module (largest whole number that fits).
- **Error correction M.** The levels differ only at the margin (at 3 px, Q and M read a few photos
  more than L). Q would cost 28 % capacity and a busy day would need 4 symbols; M keeps a busy day
  at **3 symbols** with 10–13 % room to spare (1,259–1,305 of 1,451 characters used).
- Against the naive baseline the busy day shrinks from about 104 symbols to 3 (≈ 5 bytes per
  record instead of ≈ 210): columns instead of rows, feedback as counts per hour instead of one
  record per tap, short codes, zlib. LZMA2 would save another 8 % but is harder to decode from a
  written specification; zlib is everywhere.\
"""


def out(lines: list[str], text: str = "") -> None:
    print(text, flush=True)
    lines.append(text)


# --------------------------------------------------------------------------- 1. capacity


def capacity_section(lines: list[str]) -> None:
    out(lines, "### Capacity per symbol: Base45 in alphanumeric mode vs byte mode")
    out(lines)
    out(lines, "Bytes of batch data one symbol holds (single segment, no chunk header). "
               "\"checked\" = the largest random payload `qrcode` still fits into that version.")
    out(lines)
    out(lines, "| version | ECC | alnum chars | Base45 → bytes | byte mode, raw bytes | byte mode, Base64 text → bytes | checked (Base45 / raw) |")
    out(lines, "| --- | --- | --- | --- | --- | --- | --- |")
    rng = random.Random(1)
    from kiosk.sync.base45 import b45encode

    for version in (10, 15, 20, 25, 27, 30):
        for ecc in "LMQ":
            chars = capacity(version, ecc, "alnum")
            b45_bytes = chars // 3 * 2 + (1 if chars % 3 == 2 else 0)
            raw = capacity(version, ecc, "byte")
            b64 = raw // 4 * 3
            # Check: the payload of exactly that size fits, one more byte does not.
            data = rng.randbytes(b45_bytes)
            ok_b45 = make_qr(b45encode(data), max_version=40, ecc=ecc).version == version
            data = rng.randbytes(raw)
            ok_raw = make_qr("", max_version=40, ecc=ecc, data=data).version == version
            over = make_qr("", max_version=40, ecc=ecc, data=rng.randbytes(raw + 1)).version == version + 1
            out(lines, f"| {version} | {ecc} | {chars} | {b45_bytes} | {raw} | {b64} | "
                       f"{'✓' if ok_b45 else '✗'} / {'✓' if ok_raw and over else '✗'} |")
    out(lines)


# --------------------------------------------------------------------------- 2. busy day


def _all_records(store) -> list[dict]:
    first, last = date(2000, 1, 1), date(2100, 1, 1)
    return [r for kind in ("signup", "feedback", "wish") for r in store.records(kind, first, last)]


def busy_day_section(lines: list[str], seeds: int) -> dict:
    config = load_config(ROOT / "config")
    key = crypto.generate_keypair()
    public = crypto.public_key_text(key.public_key())
    byte_cap = capacity(MAX_VERSION, ECC, "byte")
    chunk_room = max_data_bytes(capacity(MAX_VERSION, ECC, "alnum"), 3)
    rows = []
    summary = {}
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(seeds):
            service = make_service(Path(tmp) / f"day{seed}", config, public_key=public)
            made = generate_busy_day(service, DAY, random.Random(seed))
            store = service.store
            records = _all_records(store)
            collected = batch_mod.collect(store, config.kiosk_id, personal=True)
            ours = batch_mod.encode(collected.payload)
            handover = build_handover(store, service.config, DAY)
            envelope_bytes = sum(len(c) for c in handover.chunks)  # chunk text incl. headers
            pretty = json.dumps(records, indent=2, ensure_ascii=False).encode("utf-8")
            rows_short = zlib.compress(json.dumps(
                [{k: v for k, v in r.items() if k != "received"} for r in records],
                separators=(",", ":"), ensure_ascii=False).encode("utf-8"), 9)
            plain = zlib.decompress(ours)
            xz = lzma.compress(plain, format=lzma.FORMAT_RAW, filters=[{"id": lzma.FILTER_LZMA2, "preset": 9}])
            rows.append({
                "seed": seed, "signups": made.signups, "votes": made.votes, "wishes": made.wishes,
                "records": len(records), "pretty": len(pretty), "rows_short": len(rows_short),
                "ours": len(ours), "xz": len(xz), "json": len(plain),
                "symbols": len(handover.chunks), "baseline_symbols": math.ceil(len(pretty) / byte_cap),
                "chunk_chars": [len(c) for c in handover.chunks],
            })
        # A week without hand-over (seven busy days in a row).
        service = make_service(Path(tmp) / "week", config, public_key=public)
        for offset in range(7):
            generate_busy_day(service, DAY + timedelta(days=offset), random.Random(100 + offset))
        week_records = _all_records(service.store)
        week = build_handover(service.store, service.config, DAY + timedelta(days=7))
        week_pretty = len(json.dumps(week_records, indent=2, ensure_ascii=False).encode("utf-8"))

    out(lines, f"### A busy day: bytes and symbols (version {MAX_VERSION}-{ECC}, Base45 in alphanumeric mode)")
    out(lines)
    out(lines, "Made with `kiosk.demo.generate_busy_day` on the shipped config (seed per row). "
               "\"ours\" = columnar JSON + zlib, before encryption (the envelope adds 23 + kiosk id + 52 bytes; "
               f"each chunk adds a 27-character header). One symbol at {MAX_VERSION}-{ECC} holds "
               f"{capacity(MAX_VERSION, ECC, 'alnum')} characters ≈ {chunk_room} bytes of batch data per chunk. "
               f"Baseline: the same records as pretty-printed JSON (indent 2) in byte-mode symbols of the same "
               f"version and level ({byte_cap} bytes each, no header at all — generous to the baseline).")
    out(lines)
    out(lines, "| seed | sign-ups / votes / wishes | records | baseline bytes | baseline symbols | rows, compact JSON + zlib | "
               "**ours** | ours + LZMA2 instead of zlib | bytes per record (ours) | **symbols (ours)** | chunk lengths |")
    out(lines, "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        out(lines, f"| {r['seed']} | {r['signups']} / {r['votes']} / {r['wishes']} | {r['records']} | {r['pretty']:,} | "
                   f"{r['baseline_symbols']} | {r['rows_short']:,} | **{r['ours']:,}** | {r['xz']:,} | "
                   f"{r['ours'] / r['records']:.1f} | **{r['symbols']}** | {', '.join(map(str, r['chunk_chars']))} |")
    out(lines)
    out(lines, f"A week without hand-over (7 busy days, {len(week_records)} records): **{len(week.chunks)} symbols** "
               f"(baseline: {math.ceil(week_pretty / byte_cap)} symbols of pretty JSON).")
    out(lines)
    summary["rows"] = rows
    summary["week"] = len(week.chunks)
    return summary


# --------------------------------------------------------------------------- 3. scanning


def scan_section(lines: list[str], trials: int) -> None:
    import zxingcpp

    out(lines, "### Which symbols scan from the screen")
    out(lines)
    out(lines, f"Each cell: the same {trials} random \"phone photos\" (same conditions in every cell) of one full symbol (random data, largest chunk of "
               "that version) centred on a simulated 1280×800 screen; photo = perspective (keystone up to "
               "12 % × severity), rotation (±12° × severity), scaled to 0.55–1.0 camera pixels per screen pixel, "
               "Gaussian blur, a glare spot, lower contrast, noise, JPEG 65–90 "
               "(`tests/sync_helpers.py: PhotoParams.random`). Decoded with zxing-cpp. "
               f"Cells whose symbol with its {QUIET_ZONE}-module quiet zone is taller than the {AREA_PX} px code "
               "area are left out (–).")
    out(lines)
    for severity in (1.0, 1.5):
        # Common random numbers: every cell sees the same photo conditions,
        # so differences between cells come from the symbols, not from luck.
        conditions = [PhotoParams.random(random.Random(1000 + i), severity) for i in range(trials)]
        out(lines, f"Severity {severity} (success / trials):")
        out(lines)
        px_values = (3, 4, 5, 6)
        out(lines, "| version | ECC | " + " | ".join(f"{px} px/module" for px in px_values) + " |")
        out(lines, "| --- | --- | " + " | ".join("---" for _ in px_values) + " |")
        for version in (15, 20, 25, 27, 30):
            for ecc in "LMQ":
                chars = capacity(version, ecc, "alnum")
                room = max_data_bytes(chars, 1)
                text = split_envelope("ABCDEFGH", os.urandom(room - room % 2), chars)
                assert len(text) == 1
                cells = []
                for px in px_values:
                    if side_px(version, px) > AREA_PX:
                        cells.append("–")
                        continue
                    screen = on_screen(render_symbol(text[0], module_px=px, max_version=version, ecc=ecc))
                    ok = 0
                    for i, params in enumerate(conditions):
                        photo = phone_photo(screen, params, random.Random(i))
                        found = zxingcpp.read_barcodes(photo, formats=zxingcpp.BarcodeFormat.QRCode)
                        ok += any(b.text == text[0] for b in found)
                    cells.append(f"{ok}/{trials}")
                out(lines, f"| {version} | {ecc} | " + " | ".join(cells) + " |")
        out(lines)


# --------------------------------------------------------------------------- main


def write_docs(section: list[str]) -> None:
    """Replace (or append) only our own section of docs/benchmarks.md."""
    path = ROOT / "docs" / "benchmarks.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    block = "\n".join(section).rstrip() + "\n"
    start = text.find(HEADING)
    if start == -1:
        text = text.rstrip() + "\n\n" + block
    else:
        following = text.find("\n## ", start + len(HEADING))
        rest = text[following + 1:] if following != -1 else ""
        text = text[:start] + block + ("\n" + rest if rest else "")
    path.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=16, help="photos per scan cell")
    parser.add_argument("--seeds", type=int, default=5, help="busy days to generate")
    parser.add_argument("--skip-scan", action="store_true")
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    started = time.time()
    lines: list[str] = []
    out(lines, HEADING)
    out(lines)
    out(lines, f"Script: `python tests/bench/bench_sync.py --trials {args.trials} --seeds {args.seeds}`. "
               f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}. "
               f"Chosen: **version ≤ {MAX_VERSION}, level {ECC}, {MODULE_PX} px per module** "
               f"({side_px(MAX_VERSION, MODULE_PX)} px square with quiet zone), Base45 in alphanumeric mode.")
    out(lines)
    capacity_section(lines)
    busy_day_section(lines, args.seeds)
    if not args.skip_scan:
        scan_section(lines, args.trials)
    out(lines, "### Decision")
    out(lines)
    out(lines, DECISION)
    out(lines)
    out(lines, f"(run took {time.time() - started:.0f} s)")
    if args.write_docs:
        write_docs(lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
