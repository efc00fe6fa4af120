from odoo import models

# the module's records whose conversation the beneficiary reads on the portal
PORTAL_THREAD_MODELS = ("beneficiary.service.request", "beneficiary.complaint")


class MailMessage(models.Model):
    _inherit = "mail.message"

    def _portal_message_format(self, properties_names, options=None):
        """On the portal the association answers: what its staff, or the system, wrote on
        a request or a complaint shows the association's name and logo, not a staff
        member's account (nor OdooBot)."""
        vals_list = super()._portal_message_format(properties_names, options=options)
        threads = {}
        for message, values in zip(self, vals_list, strict=True):
            if message.model not in PORTAL_THREAD_MODELS or not message.res_id:
                continue
            key = (message.model, message.res_id)
            if key not in threads:
                # sudo: the company of a thread the user was just allowed to read
                threads[key] = self.env[message.model].sudo().browse(message.res_id).company_id
            company = threads[key]
            if company and message.sudo()._is_from_association(company):
                partner = company.partner_id
                values["author"] = {"id": partner.id, "name": company.name, "type": "partner"}
                if "author_id" in values:
                    values["author_id"] = (partner.id, company.name)
                if "author_avatar_url" in values:
                    values["author_avatar_url"] = f"/web/binary/company_logo?company={company.id}"
        return vals_list

    def _is_from_association(self, company):
        """Written by the association: by its staff (internal users), by the system, or in
        the association's name (its contact)."""
        self.ensure_one()
        author = self.author_id
        if not author:
            return not self.email_from
        return (
            author == company.partner_id
            or author == self.env.ref("base.partner_root")
            or any(not user.share for user in author.with_context(active_test=False).user_ids)
        )
