"""The touchscreen UI (Kivy).  A thin layer over ``kiosk.service``.

Import order matters: call :func:`kiosk.ui.bootstrap.configure_kivy` before
importing anything from ``kiosk.ui.widgets`` or ``kivy.uix``.  This package
module itself imports no Kivy, and neither does :mod:`kiosk.ui.theme`.
"""
