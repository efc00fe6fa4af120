"""Digit normalisation shared by the ID and phone helpers (no Odoo import)."""

import re
import unicodedata

# Characters users paste by accident around numbers: zero-width spaces and joiners,
# directional marks (LRM/RLM/ALM and the embedding/isolate controls), the BOM,
# the Arabic tatweel and every kind of space or dash.
_INVISIBLE = {
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u061c",
    "\u2060",
    "\ufeff",
    "\u0640",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
}
_SEPARATORS = {" ", "\u00a0", "\u2007", "\u202f", "-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\t"}


def to_ascii_digits(value):
    """Return ``value`` with every Unicode decimal digit (Arabic-Indic ٠-٩,
    Eastern Arabic-Indic ۰-۹, full-width...) replaced by its ASCII digit.
    Other characters are kept as they are."""
    if not value:
        return value
    out = []
    for char in value:
        decimal = unicodedata.decimal(char, None) if not "0" <= char <= "9" else None
        out.append(str(decimal) if decimal is not None else char)
    return "".join(out)


def clean_number(value):
    """ASCII digits, without spaces, dashes and invisible marks."""
    if not value:
        return ""
    value = to_ascii_digits(str(value))
    return "".join(c for c in value if c not in _INVISIBLE and c not in _SEPARATORS)


_SPACES_IN_NUMBERS = re.compile(r"(?<=\d)[\s\-\u200b-\u200f]+(?=\d)")


def digits_in_text(text):
    """Free text with Arabic-Indic digits converted and the spaces or dashes inside
    numbers removed, so that a mobile number written in any style can be found in it."""
    return _SPACES_IN_NUMBERS.sub("", to_ascii_digits(text or ""))
