"""Numbers kept left-to-right inside Arabic text (no Odoo import): wkhtmltopdf
overlaps digits and the Arabic letters around them otherwise (``1447 هـ``)."""

import re

from markupsafe import Markup, escape

NUMBER = re.compile(r"\d+(?:[/.:,-]\d+)*")
LTR_SPAN = Markup('<span dir="ltr" class="o_force_ltr">%s</span>')


def wrap_numbers_ltr(text, whole=False):
    """Escape ``text`` and wrap each number in it (``1447``, ``1447/01/18``) in a
    left-to-right span, or the whole text with ``whole=True``: wkhtmltopdf overlaps
    digits and the Arabic letters around them otherwise (``1447 هـ``)."""
    if not text:
        return Markup()
    if whole:
        return LTR_SPAN % text
    parts = []
    position = 0
    for match in NUMBER.finditer(text):
        parts.append(escape(text[position : match.start()]))
        parts.append(LTR_SPAN % match.group())
        position = match.end()
    parts.append(escape(text[position:]))
    return Markup().join(parts)
