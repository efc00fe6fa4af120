from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    beneficiary_low_rating_threshold = fields.Selection(
        [("1", "Dissatisfied"), ("3", "Dissatisfied or Okay")],
        string="Low Rating",
        default="1",
        required=True,
        help="Ratings at or under this level are followed up: the liaison officer calls the "
        "beneficiary back (and a complaint is opened when configured).",
    )
    beneficiary_low_rating_complaint = fields.Boolean(
        string="Open a Complaint on a Low Rating",
        help="A low rating of a request or a complaint also opens a complaint for the "
        "beneficiary, linked to the rated record.",
    )
    beneficiary_low_rating_category_id = fields.Many2one(
        "beneficiary.complaint.category",
        string="Category of Low-Rating Complaints",
        domain="[('company_id', 'in', (id, False))]",
        help="Category of the complaints opened on a low rating; the first category of the "
        "association when empty.",
    )


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    beneficiary_low_rating_threshold = fields.Selection(
        related="company_id.beneficiary_low_rating_threshold", readonly=False
    )
    beneficiary_low_rating_complaint = fields.Boolean(
        related="company_id.beneficiary_low_rating_complaint", readonly=False
    )
    beneficiary_low_rating_category_id = fields.Many2one(
        related="company_id.beneficiary_low_rating_category_id", readonly=False
    )
