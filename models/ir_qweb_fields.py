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

``riyal``: an amount in figures with the currency as the reader writes it: ``1,500.00
  ر.س`` in Arabic (``res.currency._beneficiary_symbol``, as the screens and e-mails),
  ``SAR 1,500.00`` in English, the figures in their own left-to-right run, which
  wkhtmltopdf needs inside Arabic text. Other currencies as ``monetary``. Same options as ``monetary`` (``display_currency``...).

``amount_words``: the amount in words (``lib/amount_words.py``) for Saudi riyals,
  Odoo's ``res.currency.amount_to_text`` for another currency. The currency is the
  monetary field's, or the ``display_currency`` option, or the company's. Option
  ``only``: ``فقط ... لا غير`` / ``... only``, as on cheques and vouchers.
"""

from markupsafe import escape

from odoo import api, models
from odoo.exceptions import UserError

from ..lib import amount_words

ARABIC_GREGORIAN_FORMAT = "dd/MM/yyyy"


class IrQwebFieldAmountWords(models.AbstractModel):
    _name = "ir.qweb.field.amount_words"
    _description = "QWeb Field Amount in Words"
    _inherit = "ir.qweb.field.monetary"

    @api.model
    def get_available_options(self):
        options = super().get_available_options()
        options["display_currency"]["required"] = False
        options.update(
            only={"type": "boolean", "string": self.env._("Cheque style (only ... no more)")},
        )
        return options

    @api.model
    def value_to_html(self, value, options):
        if value is None or value is False:
            return ""
        currency = options.get("display_currency") or self.env.company.currency_id
        lang = self.env.lang or "en_US"
        if value < 0:
            raise UserError(
                self.env._("The amount %(amount)s cannot be written in words: it is negative.", amount=value)
            )
        if currency.name == "SAR":
            text = amount_words.amount_in_words(value, lang=lang)
        else:
            text = currency.with_context(lang=lang).amount_to_text(value)
        if options.get("only"):
            text = amount_words.frame_only(text, lang)
        return escape(text)
