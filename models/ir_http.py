from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    def get_currencies(self):
        """The currencies of the web client, with the riyal's Arabic symbol (``ر.س``)
        for an Arabic user: amounts then read ``150.00 ر.س``, not ``150.00 SR``. The
        parent's result is cached for every language: it is copied, never changed."""
        currencies = super().get_currencies()
        if not (self.env.lang or "").startswith("ar"):
            return currencies
        sar = self.env.ref("base.SAR", raise_if_not_found=False)
        if not sar or sar.id not in currencies:
            return currencies
        return {**currencies, sar.id: {**currencies[sar.id], "symbol": sar._beneficiary_symbol()}}

    @classmethod
    def _get_translation_frontend_modules_name(cls):
        """The portal's conversation with the association is Odoo's chatter (the mail
        module's scripts): its words («Today at», «Send»...) are loaded in the visitor's
        language on the portal pages too, not left in English."""
        return [*super()._get_translation_frontend_modules_name(), "mail"]
