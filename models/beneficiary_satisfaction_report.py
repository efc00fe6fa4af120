from odoo import fields, models, tools
from odoo.tools import SQL

# Odoo's rating scale: 5 satisfied, 3 okay, 1 dissatisfied (see rating.rating)
SATISFIED_FROM = 4
DISSATISFIED_UNDER = 3


class BeneficiarySatisfactionReport(models.Model):
    """The ratings beneficiaries gave to their requests and complaints, one line per
    rating, to analyse satisfaction per category, channel and service type."""

    _name = "beneficiary.satisfaction.report"
    _description = "Satisfaction Analysis"
    _auto = False
    _order = "date desc"
    _rec_name = "reference"

    date = fields.Datetime(string="Rated On", readonly=True)
    record_type = fields.Selection(
        [("request", "Service Request"), ("complaint", "Complaint or Inquiry")], string="Rated", readonly=True
    )
    reference = fields.Char(readonly=True)
    request_id = fields.Many2one("beneficiary.service.request", string="Service Request", readonly=True)
    complaint_id = fields.Many2one("beneficiary.complaint", string="Complaint", readonly=True)
    beneficiary_id = fields.Many2one("beneficiary.beneficiary", readonly=True)
    category_id = fields.Many2one("beneficiary.category", string="Beneficiary Category", readonly=True)
    channel_id = fields.Many2one("beneficiary.channel", string="Received Through", readonly=True)
    service_type_id = fields.Many2one("beneficiary.service.type", string="Service Type", readonly=True)
    complaint_category_id = fields.Many2one(
        "beneficiary.complaint.category", string="Complaint Category", readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    rating = fields.Float(string="Average Rating", aggregator="avg", readonly=True)
    rating_count = fields.Integer(string="Ratings", readonly=True)
    satisfied_count = fields.Integer(string="Satisfied", readonly=True)
    okay_count = fields.Integer(string="Neutral", readonly=True)
    unsatisfied_count = fields.Integer(string="Dissatisfied", readonly=True)

    def _counts_sql(self):
        return SQL(
            """rating.rating AS rating, 1 AS rating_count,
               CASE WHEN rating.rating >= %(satisfied)s THEN 1 ELSE 0 END AS satisfied_count,
               CASE WHEN rating.rating >= %(dissatisfied)s AND rating.rating < %(satisfied)s THEN 1 ELSE 0
               END AS okay_count,
               CASE WHEN rating.rating < %(dissatisfied)s THEN 1 ELSE 0 END AS unsatisfied_count""",
            satisfied=SATISFIED_FROM,
            dissatisfied=DISSATISFIED_UNDER,
        )

    def _query(self):
        return SQL(
            """
            SELECT rating.id, rating.write_date AS date, 'request' AS record_type, request.name AS reference,
                   request.id AS request_id, NULL::integer AS complaint_id, request.beneficiary_id,
                   request.category_id, request.channel_id, request.service_type_id,
                   NULL::integer AS complaint_category_id, request.company_id, %(counts)s
              FROM rating_rating rating
              JOIN beneficiary_service_request request
                ON rating.res_model = 'beneficiary.service.request' AND rating.res_id = request.id
             WHERE rating.consumed AND rating.rating >= 1
            UNION ALL
            SELECT rating.id, rating.write_date, 'complaint', complaint.name,
                   complaint.request_id, complaint.id, complaint.beneficiary_id,
                   complaint.beneficiary_category_id, complaint.channel_id, request.service_type_id,
                   complaint.category_id, complaint.company_id, %(counts)s
              FROM rating_rating rating
              JOIN beneficiary_complaint complaint
                ON rating.res_model = 'beneficiary.complaint' AND rating.res_id = complaint.id
              LEFT JOIN beneficiary_service_request request ON request.id = complaint.request_id
             WHERE rating.consumed AND rating.rating >= 1
            """,
            counts=self._counts_sql(),
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )
