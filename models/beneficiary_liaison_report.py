from odoo import fields, models, tools
from odoo.tools import SQL

from .beneficiary_satisfaction_report import DISSATISFIED_UNDER


class BeneficiaryLiaisonReport(models.Model):
    """Top management's supervision of the liaison officers (policy 004): per officer,
    the requests they are responsible for and how many were decided in time, the
    complaints and inquiries of their beneficiaries, the complaints about them, and the
    ratings of their work. One line per fact, added up per officer by the views."""

    _name = "beneficiary.liaison.report"
    _description = "Liaison Officer Supervision"
    _auto = False
    _order = "date desc"
    _rec_name = "reference"

    user_id = fields.Many2one("res.users", string="Liaison Officer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Datetime(readonly=True)
    line_type = fields.Selection(
        [
            ("request", "Service Request"),
            ("complaint", "Complaint or Inquiry"),
            ("about", "Complaint About Them"),
            ("rating", "Rating"),
        ],
        string="Line",
        readonly=True,
    )
    reference = fields.Char(readonly=True)
    request_id = fields.Many2one("beneficiary.service.request", string="Service Request", readonly=True)
    complaint_id = fields.Many2one("beneficiary.complaint", string="Complaint", readonly=True)
    category_id = fields.Many2one("beneficiary.category", string="Beneficiary Category", readonly=True)
    request_count = fields.Integer(string="Requests", readonly=True)
    request_decided_count = fields.Integer(string="Requests Decided", readonly=True)
    request_breached_count = fields.Integer(string="Deadlines Breached", readonly=True)
    complaint_count = fields.Integer(string="Complaints and Inquiries", readonly=True)
    complaint_about_count = fields.Integer(string="Complaints About Them", readonly=True)
    in_time = fields.Float(
        string="Decided in Time (%)",
        aggregator="avg",
        readonly=True,
        help="Share of the officer's requests, complaints and inquiries decided within their deadline.",
    )
    rating = fields.Float(string="Average Rating", aggregator="avg", readonly=True)
    rating_count = fields.Integer(string="Ratings", readonly=True)
    dissatisfied_count = fields.Integer(string="Dissatisfied", readonly=True)

    def _query(self):
        """Ids are made unique across the four kinds of line (kind in the last two bits)."""
        request = self.env["beneficiary.service.request"]
        complaint = self.env["beneficiary.complaint"]
        return SQL(
            """
            SELECT request.id * 4 AS id, request.liaison_user_id AS user_id, request.company_id,
                   request.date_received AS date, 'request' AS line_type, request.name AS reference,
                   request.id AS request_id, NULL::integer AS complaint_id, request.category_id,
                   1 AS request_count,
                   CASE WHEN request.state IN %(decided)s THEN 1 ELSE 0 END AS request_decided_count,
                   CASE WHEN request.sla_status = 'breached' THEN 1 ELSE 0 END AS request_breached_count,
                   0 AS complaint_count, 0 AS complaint_about_count,
                   request.sla_in_time::float AS in_time,
                   NULL::float AS rating, 0 AS rating_count, 0 AS dissatisfied_count
              FROM beneficiary_service_request request
             WHERE request.liaison_user_id IS NOT NULL AND request.state != 'cancelled'
            UNION ALL
            SELECT complaint.id * 4 + 1, complaint.liaison_user_id, complaint.company_id,
                   complaint.date_received, 'complaint', complaint.name,
                   complaint.request_id, complaint.id, complaint.beneficiary_category_id,
                   0, 0, 0, 1, 0, complaint.sla_in_time::float, NULL, 0, 0
              FROM beneficiary_complaint complaint
             WHERE complaint.liaison_user_id IS NOT NULL
            UNION ALL
            SELECT complaint.id * 4 + 2, complaint.staff_user_id, complaint.company_id,
                   complaint.date_received, 'about', complaint.name,
                   complaint.request_id, complaint.id, complaint.beneficiary_category_id,
                   0, 0, 0, 0, 1, NULL, NULL, 0, 0
              FROM beneficiary_complaint complaint
             WHERE complaint.staff_user_id IS NOT NULL
            UNION ALL
            SELECT rating.id * 4 + 3, COALESCE(request.liaison_user_id, complaint.liaison_user_id),
                   COALESCE(request.company_id, complaint.company_id), rating.write_date, 'rating',
                   COALESCE(request.name, complaint.name), request.id, complaint.id,
                   COALESCE(request.category_id, complaint.beneficiary_category_id),
                   0, 0, 0, 0, 0, NULL, rating.rating, 1,
                   CASE WHEN rating.rating < %(dissatisfied)s THEN 1 ELSE 0 END
              FROM rating_rating rating
              LEFT JOIN beneficiary_service_request request
                ON rating.res_model = %(request_model)s AND rating.res_id = request.id
              LEFT JOIN beneficiary_complaint complaint
                ON rating.res_model = %(complaint_model)s AND rating.res_id = complaint.id
             WHERE rating.consumed AND rating.rating >= 1
               AND COALESCE(request.liaison_user_id, complaint.liaison_user_id) IS NOT NULL
            """,
            decided=tuple(request._workflow_states_decided),
            dissatisfied=DISSATISFIED_UNDER,
            request_model=request._name,
            complaint_model=complaint._name,
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )
