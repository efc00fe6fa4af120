from odoo import api, fields, models
from odoo.exceptions import UserError


class BeneficiaryRequestDocument(models.Model):
    """One document a request needs: missing until the beneficiary brings it, then
    received, and verified (or rejected) by staff."""

    _name = "beneficiary.request.document"
    _inherit = ["beneficiary.workflow.mixin", "beneficiary.personal.data.mixin"]
    _description = "Request Document"
    _order = "request_id, id"
    _rec_name = "document_type_id"
    _workflow_states_open = ("missing", "received")
    _workflow_states_decided = ("verified", "rejected")
    # a line goes with its request; staff remove a line the request does not need
    _workflow_states_deletable = ("missing", "received", "verified", "rejected")
    _workflow_protected_fields = ("state", "received_on", "verified_by_id", "verified_on")
    _personal_fields = ("note",)
    _personal_beneficiary_path = "request_id.beneficiary_id"

    request_id = fields.Many2one("beneficiary.service.request", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="request_id.company_id", store=True, index=True)
    document_type_id = fields.Many2one("beneficiary.document.type", required=True, ondelete="restrict")
    state = fields.Selection(
        string="Status",
        selection=[
            ("missing", "Missing"),
            ("received", "Received"),
            ("verified", "Verified"),
            ("rejected", "Rejected"),
        ],
        required=True,
        default="missing",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "beneficiary_request_document_attachment_rel",
        "document_id",
        "attachment_id",
        string="Files",
    )
    received_on = fields.Datetime(readonly=True, copy=False)
    verified_by_id = fields.Many2one("res.users", string="Checked By", readonly=True, copy=False)
    verified_on = fields.Datetime(string="Checked On", readonly=True, copy=False)
    note = fields.Char(help="Why the document was rejected, or anything to know about it.")

    _sql_constraints = [
        (
            "request_type_uniq",
            "unique(request_id, document_type_id)",
            "A request lists each document type once.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        documents = super().create(vals_list)
        documents._own_attachments()
        documents.filtered(lambda d: d.attachment_ids and d.state == "missing").action_mark_received()
        return documents

    def write(self, vals):
        res = super().write(vals)
        if vals.get("attachment_ids"):
            self._own_attachments()
            self.filtered(
                lambda d: d.attachment_ids and d.state in ("missing", "rejected")
            ).action_mark_received()
        return res

    def _own_attachments(self):
        """Attach the files to their document, so that only who may read the document
        may read them (files uploaded before the line was saved belong to nobody)."""
        for document in self:
            strays = document.attachment_ids.sudo().filtered(
                lambda a, d=document: a.res_model != d._name or a.res_id != d.id
            )
            if strays:
                strays.write({"res_model": document._name, "res_id": document.id})

    def action_mark_received(self):
        self.filtered(lambda d: d.state in ("missing", "rejected"))._set_state(
            "received", received_on=fields.Datetime.now()
        )

    def action_verify(self):
        for document in self:
            if document.state == "missing":
                raise UserError(
                    self.env._(
                        "%(document)s has not been received: it cannot be verified.",
                        document=document.document_type_id.name,
                    )
                )
        self._set_state("verified", verified_by_id=self.env.user.id, verified_on=fields.Datetime.now())

    def action_reject(self):
        for document in self:
            if not document.note:
                raise UserError(
                    self.env._(
                        "Write in the note why %(document)s is rejected, so the beneficiary can bring the right one.",
                        document=document.document_type_id.name,
                    )
                )
        self._set_state("rejected", verified_by_id=self.env.user.id, verified_on=fields.Datetime.now())

    # ------------------------------------------------------------
    # PORTAL
    # ------------------------------------------------------------
    def _portal_attach(self, filename, data):
        self.ensure_one()
        Request = self.env["beneficiary.service.request"]
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(Request._portal_prepare_attachment_vals(filename, data, self._name, self.id))
        )
        self.sudo().write({"attachment_ids": [fields.Command.link(attachment.id)]})
        self.request_id.sudo().message_post(
            body=self.env._("Document %(document)s sent on the portal.", document=self.document_type_id.name),
            attachment_ids=[],
        )
