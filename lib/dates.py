"""Local dates as the association writes them (no Odoo import).

- ``local_date(value, tz)``: the day a UTC timestamp falls on in the association's time
  zone (Asia/Riyadh by default): a request received at 22:30 UTC on 7 December was
  received on 8 December in Riyadh, and that is the date the beneficiary reads.
- ``format_day(day, lang)``: ``8 ديسمبر 2026`` / ``8 December 2026``, the month in
  letters so that the day and the year never swap places in a right-to-left line.
- ``format_range(start, end, lang)``: ``من 8 ديسمبر 2026 إلى 6 فبراير 2027``.
- ``format_hijri_first(day, gregorian, lang)``: a deadline as the policies write dates,
  Hijri first: ``6 رجب 1448 هـ الموافق 15/12/2026 م``; in English the Gregorian date
  comes first: ``12/15/2026 (6 Rajab 1448 AH)``.

Digits stay ASCII, like every number of the module's pages.
"""

import datetime

import pytz

from . import hijri

DEFAULT_TZ = "Asia/Riyadh"

# The Gregorian months as Saudi administrations write them.
MONTHS_AR = (
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _is_arabic(lang):
    return (lang or "ar").lower().startswith("ar")


def local_date(value, tz=None):
    """The date of ``value`` in the time zone ``tz`` (default Asia/Riyadh).

    ``value`` is a naive UTC datetime as Odoo stores them (or an aware one); a date is
    returned as it is, and an empty value gives ``None``. An unknown time zone name
    falls back to Asia/Riyadh."""
    if not value:
        return None
    if not isinstance(value, datetime.datetime):
        return value
    try:
        zone = pytz.timezone(tz or DEFAULT_TZ)
    except pytz.UnknownTimeZoneError:
        zone = pytz.timezone(DEFAULT_TZ)
    if value.tzinfo is None:
        value = pytz.utc.localize(value)
    return value.astimezone(zone).date()


def format_day(day, lang="ar"):
    """``8 ديسمبر 2026`` in Arabic, ``8 December 2026`` otherwise; ``""`` when empty."""
    if not day:
        return ""
    months = MONTHS_AR if _is_arabic(lang) else MONTHS_EN
    return f"{day.day} {months[day.month - 1]} {day.year}"


def format_range(start, end, lang="ar"):
    """``من 8 ديسمبر 2026 إلى 6 فبراير 2027`` (``from ... to ...`` in English). A
    missing end gives ``من 8 ديسمبر 2026``; the same day twice gives the day alone."""
    if not start:
        return ""
    if end == start:
        return format_day(start, lang)
    arabic = _is_arabic(lang)
    if not end:
        return f"من {format_day(start, lang)}" if arabic else f"from {format_day(start, lang)}"
    if arabic:
        return f"من {format_day(start, lang)} إلى {format_day(end, lang)}"
    return f"from {format_day(start, lang)} to {format_day(end, lang)}"


def format_hijri_first(day, gregorian, lang="ar"):
    """A date in both calendars: ``<Hijri> الموافق <Gregorian> م`` in Arabic (the
    policies' order), ``<Gregorian> (<Hijri>)`` otherwise. ``gregorian`` is the
    Gregorian date already formatted (``15/12/2026``); outside the Umm al-Qura range
    only the Gregorian date is given."""
    if not day:
        return ""
    hijri_text = hijri.format_hijri(day, lang=lang)
    if not hijri_text:
        return gregorian
    if _is_arabic(lang):
        return f"{hijri_text} الموافق {gregorian} م"
    return f"{gregorian} ({hijri_text})"
