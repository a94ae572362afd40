"""The one time zone the kiosk lives in.

Everything a visitor sees (dates, opening hours, offer times) is Marl local
time; keeping the zone in one module means no code path can silently fall
back to UTC or to whatever the tablet's system zone happens to be.
"""

from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")
