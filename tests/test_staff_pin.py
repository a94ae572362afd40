"""Staff PIN: slow salted hash only, lockout that doubles and survives a restart."""

from __future__ import annotations

import json

import pytest

from kiosk.staff_pin import FIRST_LOCK_SECONDS, MAX_TRIES, PinFormatError, PinGuard, set_pin_interactively
from kiosk.store import KioskStore


class Wall:
    def __init__(self) -> None:
        self.t = 1_800_000_000.0

    def __call__(self) -> float:
        return self.t


def test_pin_is_stored_only_as_salted_hash(tmp_path):
    store = KioskStore(tmp_path)
    guard = PinGuard(store.state)
    assert not guard.has_pin()
    guard.set_pin("4711")
    assert guard.has_pin()
    on_disk = "".join(p.read_text(encoding="utf-8") for p in tmp_path.rglob("*") if p.is_file())
    assert "4711" not in on_disk
    assert guard.check("4711").ok
    other = PinGuard(KioskStore(tmp_path / "other").state)
    other.set_pin("4711")
    assert other.state.get("staff_pin")["salt"] != store.state.get("staff_pin")["salt"]


@pytest.mark.parametrize("bad", ["", "12", "123456789", "12a4", "١٢٣٤"])
def test_pin_format(tmp_path, bad):
    with pytest.raises(PinFormatError):
        PinGuard(KioskStore(tmp_path).state).set_pin(bad)


def test_lockout_doubles_and_survives_restart(tmp_path):
    wall = Wall()
    guard = PinGuard(KioskStore(tmp_path).state, wall)
    guard.set_pin("2468")
    for i in range(MAX_TRIES - 1):
        result = guard.check("0000")
        assert not result.ok and result.tries_left == MAX_TRIES - 1 - i and not result.locked_seconds
    result = guard.check("0000")
    assert result.locked_seconds == FIRST_LOCK_SECONDS
    # A restart (new store, new guard) keeps the lock; even the right PIN is refused.
    guard = PinGuard(KioskStore(tmp_path).state, wall)
    assert guard.check("2468").locked_seconds > 0
    wall.t += FIRST_LOCK_SECONDS + 1
    assert guard.check("0000").locked_seconds == 2 * FIRST_LOCK_SECONDS
    wall.t += 2 * FIRST_LOCK_SECONDS + 1
    assert guard.check("1111").locked_seconds == 4 * FIRST_LOCK_SECONDS
    wall.t += 4 * FIRST_LOCK_SECONDS + 1
    assert guard.check("2468").ok
    assert guard.check("0000").tries_left == MAX_TRIES - 1


def test_clock_jumping_back_does_not_lock_forever(tmp_path):
    wall = Wall()
    guard = PinGuard(KioskStore(tmp_path).state, wall)
    guard.set_pin("2468")
    for _ in range(MAX_TRIES):
        guard.check("0000")
    wall.t -= 10 * 365 * 86400  # the clock battery died
    assert guard.locked_seconds() <= 2 * FIRST_LOCK_SECONDS


def test_set_pin_command(tmp_path, capsys):
    answers = iter(["1357", "1357"])
    assert set_pin_interactively(tmp_path, read=lambda prompt: next(answers)) == 0
    assert PinGuard(KioskStore(tmp_path).state).check("1357").ok
    answers = iter(["1357", "9999"])
    assert set_pin_interactively(tmp_path, read=lambda prompt: next(answers)) == 1
    assert "verschieden" in capsys.readouterr().err
    assert PinGuard(KioskStore(tmp_path).state).check("1357").ok
