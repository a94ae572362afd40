"""docs/sync-format.md is enough to write a decoder: this one uses only the page.

Nothing from kiosk.sync is imported for decoding; only the standard library
and the `cryptography` primitives the page names.  If the code and the page
drift apart, this test fails.
"""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from tests.conftest import SAMPLE_DAY
from tests.sync_helpers import fill_days, kiosk_truth, make_service

CHUNK = re.compile(r"HSK([0-9]{1,3}):([A-Z0-9]{8}):([0-9]{1,3})/([0-9]{1,3}):([0-9A-Z $%*+\-./:]*):([0-9A-F]{8})")
B45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
CODES = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
BERLIN = ZoneInfo("Europe/Berlin")
FIELDS = {"i": "id", "k": "kiosk_id", "o": "offer_id", "d": "day", "n": "name", "p": "phone", "e": "email",
          "a": "adults", "c": "children", "t": "note", "v": "consent_version", "m": "created", "s": "status",
          "u": "minor", "g": "guardian_name", "q": "source", "x": "purged"}


def b45(text: str) -> bytes:
    out = bytearray()
    for i in range(0, len(text), 3):
        v = [B45.index(ch) for ch in text[i:i + 3]]
        if len(v) == 3:
            out += (v[0] + 45 * v[1] + 2025 * v[2]).to_bytes(2, "big")
        else:
            out.append(v[0] + 45 * v[1])
    return bytes(out)


def code_of(material: bytes, chars: int) -> str:
    bits = int.from_bytes(material, "big") >> (len(material) * 8 - 5 * chars)
    return "".join(CODES[(bits >> (5 * (chars - 1 - i))) & 31] for i in range(chars))


def decode(chunks: list[str], staff_private) -> tuple[dict, dict, str]:
    pieces, total = {}, None
    for text in chunks:
        m = CHUNK.fullmatch(text.strip())
        body = text.strip()[: text.strip().rindex(":")]
        assert m and m[1] == "1" and f"{zlib.crc32(body.encode()):08X}" == m[6]
        pieces[int(m[3])] = b45(m[5])
        total = int(m[4])
    env = b"".join(pieces[i] for i in range(1, total + 1))
    kind, seq, created, length = env[1], int.from_bytes(env[7:11], "big"), int.from_bytes(env[20:22], "big"), env[22]
    head = {"kind": chr(kind), "seq": seq, "created": date(2000, 1, 1) + timedelta(days=created),
            "kiosk": env[23:23 + length].decode(), "batch": code_of(env[2:7], 8)}
    rest = 23 + length
    assert chr(kind) == "E"
    ephemeral = env[rest + 4:rest + 36]
    staff_public = staff_private.public_key().public_bytes_raw()
    assert env[rest:rest + 4] == hashlib.sha256(staff_public).digest()[:4]
    shared = staff_private.exchange(X25519PublicKey.from_public_bytes(ephemeral))
    okm = HKDF(hashes.SHA256(), 52, ephemeral + staff_public, b"huels-sued-kiosk sync v1").derive(shared)
    plain = AESGCM(okm[:32]).decrypt(okm[32:44], env[rest + 36:], env[:rest + 36])
    return head, json.loads(zlib.decompress(plain)), code_of(okm[44:52], 6)


def signups_from(obj: dict, kiosk: str) -> list[dict]:
    base = date.fromisoformat(obj["d0"])
    midnight = datetime.combine(base, time(0), BERLIN).astimezone(timezone.utc)
    table = obj["s"]
    n = table["n"]
    rows = [{"kind": "signup"} for _ in range(n)]
    for code, column in table["c"].items():
        name = FIELDS[code] if len(code) == 1 else code
        absent = set(table.get("x", {}).get(code, []))
        present = [i for i in range(n) if i not in absent]
        if code == "i" and isinstance(column, str):
            w = len(column) // len(present)
            column = [column[j:j + w] for j in range(0, len(column), w)]
        elif not isinstance(column, list):
            column = [column] * len(present)
        for i, value in zip(present, column):
            if isinstance(value, int) and not isinstance(value, bool):
                if name == "offer_id":
                    value = obj["o"][value - 1] if value else None
                elif name == "day":
                    value = (base + timedelta(days=value)).isoformat()
                elif name == "created":
                    value = (midnight + timedelta(minutes=value)).astimezone(BERLIN).isoformat()
                elif name == "status":
                    value = ("confirmed", "waiting")[value]
            rows[i][name] = value
    for row in rows:
        row.setdefault("kiosk_id", kiosk)
    return rows


def votes_from(obj: dict, kiosk: str) -> dict:
    base = date.fromisoformat(obj["d0"])
    votes = {}
    for offset, k, flat in obj.get("f", []):
        day = (base + timedelta(days=offset)).isoformat()
        for j in range(0, len(flat), k + 2):
            hour, ref, *counts = flat[j:j + k + 2]
            for score, count in enumerate(counts, start=1):
                if count:
                    key = (kiosk, day, hour, obj["o"][ref - 1] if ref else None, score)
                    votes[key] = votes.get(key, 0) + count
    return votes


def test_a_decoder_written_from_the_spec_reads_a_busy_day(tmp_path, shipped_config):
    import random

    from kiosk.sync import crypto
    from kiosk.sync.handover import build_handover
    from kiosk.sync.receipt import apply_receipt

    staff = crypto.generate_keypair()
    service = make_service(tmp_path / "data", shipped_config, public_key=crypto.public_key_text(staff.public_key()))
    fill_days(service, SAMPLE_DAY, 1, random.Random(9), busy_days=0)
    handover = build_handover(service.store, service.config, SAMPLE_DAY)

    head, obj, receipt = decode(list(reversed(handover.chunks)), staff)
    assert head == {"kind": "E", "seq": 1, "created": SAMPLE_DAY, "kiosk": "huels-sued", "batch": handover.batch_id}
    signups, votes, _ = kiosk_truth(service.store)
    got = {r["id"]: {k: v for k, v in r.items() if k != "kind"} for r in signups_from(obj, head["kiosk"])}
    assert got == signups
    assert votes_from(obj, head["kiosk"]) == dict(votes)
    assert apply_receipt(service.store, service.config, receipt, today=SAMPLE_DAY).ok
