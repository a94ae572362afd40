"""Themed widgets shared by every screen: one module per widget, each
loading its own kv once at import.  Import the module you need, e.g.
``from kiosk.ui.widgets.tile import Tile`` (after ``configure_kivy``)."""
