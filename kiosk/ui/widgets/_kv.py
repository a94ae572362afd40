"""Load a widget module's own ``.kv`` file exactly once."""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder

_loaded: set[str] = set()


def load_kv(module_file: str) -> None:
    """Load the ``.kv`` beside ``module_file`` (``__file__``) once, even if
    the module is reloaded, so rules are never applied twice."""
    path = str(Path(module_file).with_suffix(".kv"))
    if path in _loaded or path in Builder.files:
        _loaded.add(path)
        return
    Builder.load_file(path)
    _loaded.add(path)
