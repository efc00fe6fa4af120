"""QWeb widget of the module's reports, used as any Odoo widget (see
``ir_qweb_field_hijri_date.py``).

``riyal``: an amount in figures with the currency as the reader writes it: ``1,500.00
  ر.س`` in Arabic (``res.currency._beneficiary_symbol``, as the screens and e-mails),
  ``SAR 1,500.00`` in English, the figures in their own left-to-right run, which
  wkhtmltopdf needs inside Arabic text. Other currencies as ``monetary``. Same options as ``monetary`` (``display_currency``...).
"""

from markupsafe import Markup

from odoo import api, models

from ..lib import amount_words
from ..lib.ltr_numbers import LTR_SPAN


class IrQwebFieldRiyal(models.AbstractModel):
    _name = "ir.qweb.field.riyal"
    _description = "QWeb Field Amount in Riyals"
    _inherit = "ir.qweb.field.monetary"

    @api.model
    def get_available_options(self):
        options = super().get_available_options()
        options["display_currency"]["required"] = False
        return options

    @api.model
    def value_to_html(self, value, options):
        currency = options.get("display_currency") or self.env.company.currency_id
        if currency.name != "SAR":
            return super().value_to_html(value, dict(options, display_currency=currency))
        if not isinstance(value, (int, float)):
            raise ValueError(f"Not an amount: {value!r}")
        figures = self.user_lang().format(
            f"%.{currency.decimal_places}f", currency.round(value), grouping=True
        )
        figures = LTR_SPAN % figures.replace("-", "-\N{ZERO WIDTH NO-BREAK SPACE}")
        if amount_words.is_arabic(self.env.lang or "en_US"):
            return Markup("%s\N{NO-BREAK SPACE}%s") % (figures, currency._beneficiary_symbol(self.env.lang))
        return Markup("%s\N{NO-BREAK SPACE}%s") % (currency.name, figures)
