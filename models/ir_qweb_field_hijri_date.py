"""QWeb widgets of the module's reports: dates in Gregorian and Hijri, amounts in words.

Reports, letters and QWeb mail templates print them as any Odoo widget, through
``t-field`` on a field or ``t-out`` on any value; the language is the one the
template is rendered in (``t-lang`` of the calling ``t-call``)::

    <span t-field="doc.decision_date" t-options="{'widget': 'hijri_date'}"/>
    <span t-out="letter_date" t-options="{'widget': 'hijri_date', 'hijri_only': True}"/>
    <span t-field="doc.amount" t-options="{'widget': 'amount_words', 'only': True}"/>
    <span t-out="1250.5" t-options="{'widget': 'amount_words',
                                     'display_currency': doc.currency_id}"/>

``hijri_date`` (dates and datetimes, the latter in the reader's time zone):
  ``13/07/2025 م، الموافق 18 محرم 1447 هـ`` in Arabic, ``07/13/2025 (18 Muharram 1447
  AH)`` in English. The Gregorian part uses ``dd/MM/yyyy`` in Arabic and the
  language's date format otherwise (option ``format``, LDML, overrides both), wrapped
  left-to-right. Options: ``hijri_only`` (only the Hijri date), ``hijri_style``
  (``long``, default, ``numeric`` = ``18/01/1447 هـ`` or ``short`` = ``1447/01/18``), ``tz_name``.
"""

import datetime

from markupsafe import escape

from odoo import api, fields, models
from odoo.tools.misc import format_date

from ..lib import amount_words, hijri
from ..lib.ltr_numbers import wrap_numbers_ltr

ARABIC_GREGORIAN_FORMAT = "dd/MM/yyyy"


class IrQwebFieldHijriDate(models.AbstractModel):
    _name = "ir.qweb.field.hijri_date"
    _description = "QWeb Field Gregorian and Hijri Date"
    _inherit = "ir.qweb.field.date"

    @api.model
    def get_available_options(self):
        options = super().get_available_options()
        options.update(
            hijri_only={"type": "boolean", "string": self.env._("Only the Hijri date")},
            hijri_style={
                "type": "selection",
                "string": self.env._("Hijri format"),
                "params": [
                    ("long", self.env._("Long")),
                    ("numeric", self.env._("Numeric")),
                    ("short", self.env._("Short")),
                ],
                "default_value": "long",
            },
            tz_name={"type": "char", "string": self.env._("Optional timezone name")},
        )
        return options

    @api.model
    def _to_local_date(self, value, options):
        if isinstance(value, str):
            value = fields.Datetime.to_datetime(value) if len(value) > 10 else fields.Date.to_date(value)
        if isinstance(value, datetime.datetime):
            record = self.with_context(tz=options["tz_name"]) if options.get("tz_name") else self
            value = fields.Datetime.context_timestamp(record, value).date()
        return value

    @api.model
    def value_to_html(self, value, options):
        if not value:
            return ""
        value = self._to_local_date(value, options)
        lang = self.env.lang or "en_US"
        style = options.get("hijri_style") or "long"
        hijri_text = wrap_numbers_ltr(hijri.format_hijri(value, lang=lang, style=style))
        if options.get("hijri_only") and hijri_text:
            return hijri_text
        date_format = options.get("format")
        if not date_format and amount_words.is_arabic(lang):
            date_format = ARABIC_GREGORIAN_FORMAT
        gregorian = wrap_numbers_ltr(format_date(self.env, value, date_format=date_format), whole=True)
        if not hijri_text:  # outside the Umm al-Qura range
            return gregorian
        return escape(self.env._("%(gregorian)s (%(hijri)s)")) % {"gregorian": gregorian, "hijri": hijri_text}
