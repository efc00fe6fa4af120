"""Gregorian to Hijri (Umm al-Qura) formatting, through ``hijridate`` (no Odoo import).

One helper for every place the module shows a Hijri date beside a Gregorian one:
forms, portal pages, letters and reports.
"""

import datetime

from hijridate import Gregorian

MONTHS_AR = (
    "محرم",
    "صفر",
    "ربيع الأول",
    "ربيع الآخر",
    "جمادى الأولى",
    "جمادى الآخرة",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو القعدة",
    "ذو الحجة",
)
MONTHS_EN = (
    "Muharram",
    "Safar",
    "Rabi' al-Awwal",
    "Rabi' al-Thani",
    "Jumada al-Ula",
    "Jumada al-Akhirah",
    "Rajab",
    "Sha'ban",
    "Ramadan",
    "Shawwal",
    "Dhu al-Qi'dah",
    "Dhu al-Hijjah",
)
_ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def to_hijri(value):
    """Return ``(year, month, day)`` in the Umm al-Qura calendar, or ``None`` when
    ``value`` is empty or outside the calendar's range (1924-2077)."""
    if not value:
        return None
    if isinstance(value, datetime.datetime):
        value = value.date()
    try:
        hijri = Gregorian(value.year, value.month, value.day).to_hijri()
    except (OverflowError, ValueError):
        return None
    return hijri.year, hijri.month, hijri.day


def format_hijri(value, lang="ar", style="long", arabic_digits=False):
    """Format a date in Hijri.

    ``style="long"`` gives ``18 محرم 1447 هـ`` (or ``18 Muharram 1447 AH``),
    ``style="numeric"`` ``18/01/1447 هـ`` (``18/01/1447 AH``), as the policies write it,
    ``style="short"`` gives ``1447/01/18``. Returns ``""`` when the date cannot be
    converted, so templates can print it unconditionally.
    """
    parts = to_hijri(value)
    if not parts:
        return ""
    year, month, day = parts
    arabic = (lang or "ar").startswith("ar")
    if style == "short":
        text = f"{year:04d}/{month:02d}/{day:02d}"
    elif style == "numeric":
        text = f"{day:02d}/{month:02d}/{year:04d} {'هـ' if arabic else 'AH'}"
    elif arabic:
        text = f"{day} {MONTHS_AR[month - 1]} {year} هـ"
    else:
        text = f"{day} {MONTHS_EN[month - 1]} {year} AH"
    if arabic and arabic_digits:
        text = text.translate(_ARABIC_DIGITS)
    return text
