"""QWeb widget of the module's reports, used as any Odoo widget (see
``ir_qweb_field_hijri_date.py``).

``amount_words``: the amount in words (``lib/amount_words.py``) for Saudi riyals,
  Odoo's ``res.currency.amount_to_text`` for another currency. The currency is the
  monetary field's, or the ``display_currency`` option, or the company's. Option
  ``only``: ``فقط ... لا غير`` / ``... only``, as on cheques and vouchers.
"""

from markupsafe import escape

from odoo import api, models
from odoo.exceptions import UserError

from ..lib import amount_words


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
