from odoo import models


class PortalWizardUser(models.TransientModel):
    _inherit = "portal.wizard.user"

    def _check_contact_editable(self):
        """Odoo's portal wizard creates and archives portal users as superuser for any
        contact put in it: only for the contacts its user may edit (a beneficiary's contact
        for the staff of their file). Officers give access through the file's own button."""
        self.partner_id.check_access("write")

    def action_grant_access(self):
        self._check_contact_editable()
        return super().action_grant_access()

    def action_revoke_access(self):
        self._check_contact_editable()
        return super().action_revoke_access()

    def action_invite_again(self):
        self._check_contact_editable()
        return super().action_invite_again()
