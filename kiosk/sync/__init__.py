"""Day's-end hand-over by QR codes: batch → encrypt → chunks → QR → import tool.

No Kivy in here.  The kiosk screen calls :func:`kiosk.sync.handover.build_handover`,
:func:`kiosk.sync.receipt.apply_receipt`, :func:`kiosk.sync.receipt.overdue_signups`
and :func:`kiosk.sync.phone_lists.phone_list_texts`; the office PC uses the
``kiosk keygen/import/report`` commands (:mod:`kiosk.sync.commands`).
The wire format is described in ``docs/sync-format.md``.
"""

from kiosk.sync.errors import SyncError

__all__ = ["SyncError"]
