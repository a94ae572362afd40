"""Open-house kiosk of Stadtteilbüro Hüls-Süd.

The core modules (config, schedule, records, store, service, sync) are pure
Python and never import Kivy, so they run and are tested without a screen.
The touchscreen UI lives in ``kiosk.ui`` and is a thin layer over the core.
"""

__version__ = "0.1.0"
