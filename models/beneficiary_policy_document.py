import contextvars

from odoo import api, fields, models

from ..lib.outside_text import file_name as clean_file_name
from ..lib.user_import import is_user_import

# Set while modules' data files load (demo data adds documents to an approved policy on
# upgrade); a Python context variable, which no RPC caller can set.
_DATA_FILES = contextvars.ContextVar("beneficiary_policy_document_data_files", default=False)

# What beneficiaries are meant to have in hand: shown on the public pages by default.
PUBLIC_KINDS = ("services_guide", "request_form")


class BeneficiaryPolicyDocument(models.Model):
    """A document the policy gives staff to work with (the policies' "tools available to
    staff"): the association's bylaws, its services guide, the request forms...

    Part of the version the board approves: changed only while the policy is a draft,
    carried over to a new version, listed as the policy's annexes and in what staff
    acknowledge having received. Those marked public (the services guide and the forms by
    default) are offered to beneficiaries on the public policy page once approved."""

    _name = "beneficiary.policy.document"
    _inherit = ["beneficiary.import.mixin"]
    _description = "Policy Document"
    _order = "policy_id, sequence, id"

    policy_id = fields.Many2one(
        "beneficiary.policy", string="Policy", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="policy_id.company_id", store=True, index=True)
    policy_state = fields.Selection(related="policy_id.state", string="Policy Status")
    version = fields.Integer(related="policy_id.version")
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [
            ("bylaws", "Bylaws"),
            ("services_guide", "Services Guide"),
            ("request_form", "Request Form"),
            ("related_policy", "Related Policy"),
            ("procedures", "Procedures Manual"),
            ("other", "Other Document"),
        ],
        required=True,
        default="request_form",
    )
    name = fields.Char(string="Document Title", required=True)
    file = fields.Binary(string="File", attachment=True, required=True, copy=True)
    file_name = fields.Char(string="File Name")
    is_public = fields.Boolean(
        string="Visible to Beneficiaries",
        compute="_compute_is_public",
        store=True,
        readonly=False,
        precompute=True,
        copy=True,
        help="Offered for download on the public policy page once the policy is approved. The "
        "services guide and the request forms are public by default; the bylaws may stay internal.",
    )
    description = fields.Char(help="What the document is for, in one line.")

    @api.depends("kind")
    def _compute_is_public(self):
        for document in self:
            document.is_public = document.kind in PUBLIC_KINDS

    @api.model
    def _load_records(self, data_list, update=False, ignore_duplicates=False):
        token = _DATA_FILES.set(not is_user_import())
        try:
            return super()._load_records(data_list, update=update, ignore_duplicates=ignore_duplicates)
        finally:
            _DATA_FILES.reset(token)

    def _check_policy_editable(self):
        if not _DATA_FILES.get():
            self.policy_id._check_content_editable()

    @api.model
    def _clean_vals(self, vals):
        if vals.get("file_name"):
            vals["file_name"] = clean_file_name(vals["file_name"])
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        documents = super().create([self._clean_vals(dict(vals)) for vals in vals_list])
        documents._check_policy_editable()
        return documents

    def write(self, vals):
        # who may change documents at all first (a clear refusal for staff), then the
        # version: the board approved the documents with the text, a new version changes them
        self.browse().check_access("write")
        self._check_policy_editable()
        res = super().write(self._clean_vals(dict(vals)))
        if "policy_id" in vals:
            self._check_policy_editable()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_in_drafts(self):
        self._check_policy_editable()

    def _get_public_url(self):
        self.ensure_one()
        return f"/beneficiary-policy/document/{self.id}"
