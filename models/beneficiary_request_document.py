import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..lib import dates


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
    _personal_fields = ("note", "expiry_date")
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
    expiry_required = fields.Boolean(related="document_type_id.expiry_required")
    expiry_date = fields.Date(
        help="The last day the document is valid: asked when it is received if its type has one.",
    )
    is_expired = fields.Boolean(
        string="Expired",
        compute="_compute_is_expired",
        help="The expiry date is past (the association's day): ask the beneficiary for a valid one.",
    )

    _sql_constraints = [
        (
            "request_type_uniq",
            "unique(request_id, document_type_id)",
            "A request lists each document type once.",
        ),
    ]

    @api.depends("expiry_date")
    def _compute_is_expired(self):
        today = self.env.company._beneficiary_local_date()
        for document in self:
            document.is_expired = bool(document.expiry_date) and document.expiry_date < today

    @api.model_create_multi
    def create(self, vals_list):
        documents = super().create(vals_list)
        documents._own_attachments()
        documents.filtered(lambda d: d.attachment_ids and d.state == "missing").action_mark_received()
        return documents

    def write(self, vals):
        # an accepted document expired since is replaced by the file sent now (the new
        # expiry date may come with it: look before writing)
        replaced = (
            self.filtered(lambda d: d._is_replaceable()) if vals.get("attachment_ids") else self.browse()
        )
        res = super().write(vals)
        if vals.get("attachment_ids"):
            self._own_attachments()
            received = self.filtered(lambda d: d.state in ("missing", "rejected")) | replaced
            received.filtered("attachment_ids")._receive()
        return res

    def _is_replaceable(self):
        """An accepted document that has expired since: the beneficiary sends a new one."""
        self.ensure_one()
        return self.state == "verified" and self._expired_on(self.env.company._beneficiary_local_date())

    def _expired_on(self, day):
        """Whether the document is no longer valid on ``day`` (valid through its expiry date)."""
        self.ensure_one()
        return bool(self.expiry_date) and self.expiry_date < day

    @api.model
    def _expiry_text(self, day):
        """``day`` as the module writes dates in messages: Hijri and Gregorian."""
        lang = self.env.lang or "en_US"
        date_format = self.env["beneficiary.service.request"]._sla_date_format(lang)
        return dates.format_hijri_first(day, day.strftime(date_format), lang)

    def _check_expiry_given(self):
        for document in self:
            if document.document_type_id.expiry_required and not document.expiry_date:
                raise UserError(
                    self.env._(
                        "Enter the expiry date of %(document)s: it is asked for this document.",
                        document=document.document_type_id.name,
                    )
                )

    @api.model
    def _parse_expiry(self, document_type, raw):
        """The expiry date a beneficiary typed for a document of ``document_type``
        (``YYYY-MM-DD``, as a date input sends it), checked: required when the type has
        one, a real date, not already past. ``False`` when none is given nor needed."""
        raw = (raw or "").strip() if isinstance(raw, str) else ""
        if not raw:
            if document_type.expiry_required:
                raise ValidationError(
                    self.env._("Enter the expiry date of %(document)s.", document=document_type.name)
                )
            return False
        try:
            day = datetime.date.fromisoformat(raw[:10]) if len(raw) == 10 else None
        except ValueError:
            day = None
        if not day:
            raise ValidationError(
                self.env._(
                    "The expiry date of %(document)s is not a valid date: choose it in the calendar.",
                    document=document_type.name,
                )
            )
        if day < self.env.company._beneficiary_local_date():
            raise ValidationError(
                self.env._(
                    "%(document)s expired on %(date)s: send a valid document.",
                    document=document_type.name,
                    date=self._expiry_text(day),
                )
            )
        return day

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
        self.filtered(lambda d: d.state in ("missing", "rejected") or d._is_replaceable())._receive()

    def _receive(self):
        self._check_expiry_given()
        self._set_state("received", received_on=fields.Datetime.now())

    def action_verify(self):
        for document in self:
            if document.state == "missing":
                raise UserError(
                    self.env._(
                        "%(document)s has not been received: it cannot be verified.",
                        document=document.document_type_id.name,
                    )
                )
        self._check_expiry_given()
        today = self.env.company._beneficiary_local_date()
        for document in self:
            if document._expired_on(today):
                raise UserError(
                    self.env._(
                        "%(document)s of %(beneficiary)s expired on %(date)s: it cannot be accepted. "
                        "Ask the beneficiary for a valid one.",
                        document=document.document_type_id.name,
                        beneficiary=document.request_id.beneficiary_id.name,
                        date=self._expiry_text(document.expiry_date),
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
    def _portal_attach(self, filename, data, expiry_date=False):
        """Attach a file the beneficiary sent (``expiry_date`` checked by ``_parse_expiry``)."""
        self.ensure_one()
        Request = self.env["beneficiary.service.request"]
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(Request._portal_prepare_attachment_vals(filename, data, self._name, self.id))
        )
        vals = {"attachment_ids": [fields.Command.link(attachment.id)]}
        if expiry_date:
            vals["expiry_date"] = expiry_date
        self.sudo().write(vals)
        self.request_id.sudo().message_post(
            body=self.env._("Document %(document)s sent on the portal.", document=self.document_type_id.name),
            attachment_ids=[],
        )
