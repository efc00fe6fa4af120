from odoo import fields, models


class BeneficiaryComplaint(models.Model):
    """A complaint opened by the low rating of a request or of another complaint."""

    _inherit = "beneficiary.complaint"

    rated_complaint_id = fields.Many2one(
        "beneficiary.complaint",
        string="Follow-up of Complaint",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The complaint whose low rating opened this one.",
    )
