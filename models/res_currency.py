from odoo import models

# The riyal as Saudi Arabic screens and documents write it. Odoo's symbol for SAR is
# "SR", which an Arabic reader does not use; the English screens keep it.
SAR_SYMBOL_AR = "ر.س"


class ResCurrency(models.Model):
    _inherit = "res.currency"

    def _beneficiary_symbol(self, lang=None):
        """The symbol to show in ``lang`` (default: the environment's): ``ر.س`` for the
        Saudi riyal in Arabic, the currency's own symbol otherwise."""
        self.ensure_one()
        lang = lang or self.env.lang or "en_US"
        if self.name == "SAR" and lang.startswith("ar"):
            return SAR_SYMBOL_AR
        return self.symbol or ""
