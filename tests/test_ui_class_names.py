"""Kivy matches kv rules (``<Name>:``) and Factory entries by class *name*,
not by module: two widget classes called the same in different modules
silently receive each other's rules (it happened once: a staff section
picked up the offers screen's ``<DaySection>`` rule and crashed).  This
guard keeps every class name under ``kiosk/ui`` unique."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

UI_DIR = Path(__file__).resolve().parents[1] / "kiosk" / "ui"


def class_definitions() -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for path in sorted(UI_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                found[node.name].append(f"{path.relative_to(UI_DIR)}:{node.lineno}")
    return found


def test_ui_class_names_are_unique() -> None:
    clashes = {name: places for name, places in class_definitions().items()
               if len(places) > 1}
    assert not clashes, f"class names used more than once under kiosk/ui: {clashes}"


def test_guard_sees_the_ui_classes() -> None:
    names = class_definitions()
    assert "OffersScreen" in names and "StaffDaySection" in names
