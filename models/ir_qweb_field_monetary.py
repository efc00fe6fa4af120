from markupsafe import Markup

from odoo import api, models


class IrQwebFieldMonetary(models.AbstractModel):
    """Amounts of portal pages, e-mails and letters with the riyal's Arabic symbol
    (``150.00 ر.س``) when they are rendered in Arabic."""

    _inherit = "ir.qweb.field.monetary"

    @api.model
    def value_to_html(self, value, options):
        html = super().value_to_html(value, options)
        currency = options.get("display_currency")
        if not currency or not currency.symbol:
            return html
        symbol = currency._beneficiary_symbol(self.env.lang)
        if symbol == currency.symbol:
            return html
        # the symbol stands before or after the <span> of the digits, never inside it
        return Markup(str(html).replace(currency.symbol, symbol))
