import datetime

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..lib.selection import selection_labels


class BeneficiaryComplianceReport(models.TransientModel):
    """The policy-compliance report of one association for a period: requests received
    and how fast they were decided, breaches and escalations, complaints and their
    outcome, compensations approved and paid, and the beneficiaries' satisfaction.

    The figures come from ``_get_compliance_data``, a fixed number of grouped queries
    whatever the number of records. The period selects the requests and complaints
    received in it (with what became of them by the time of printing), and the
    compensations approved or paid in it."""

    _name = "beneficiary.compliance.report"
    _description = "Policy Compliance Report"

    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: self.env.company._beneficiary_today().replace(month=1, day=1),
    )
    date_to = fields.Date(
        string="To", required=True, default=lambda self: self.env.company._beneficiary_today()
    )
    company_id = fields.Many2one(
        "res.company", string="Association", required=True, default=lambda self: self.env.company
    )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for report in self:
            if report.date_from > report.date_to:
                raise ValidationError(self.env._("The period must start before it ends."))

    def action_print(self):
        self.ensure_one()
        return self.env.ref(
            "beneficiary_relations.beneficiary_compliance_report_action_report"
        ).report_action(self)

    # ------------------------------------------------------------------ figures
    @api.model
    def _period_bounds(self, date_from, date_to, company):
        """The period as UTC datetimes [start, end), from midnight to midnight in the
        time zone of the company's working calendar."""
        calendar = company._get_beneficiary_calendar()
        tz = pytz.timezone((calendar and calendar.tz) or "Asia/Riyadh")
        bounds = []
        for day in (date_from, date_to + datetime.timedelta(days=1)):
            local = tz.localize(datetime.datetime.combine(day, datetime.time()))
            bounds.append(local.astimezone(pytz.utc).replace(tzinfo=None))
        return bounds

    @api.model
    def _sla_figures(self, Model, domain):
        """Deadline figures of the records of ``domain``: decided (stopped clock),
        share decided in time, average working days to decision, breaches and
        escalations per level. Two grouped queries."""
        [(decided, in_time, working_days)] = Model._read_group(
            [*domain, ("sla_stop_date", "!=", False)],
            [],
            ["__count", "sla_in_time:avg", "sla_working_days_used:avg"],
        )
        breached = escalated = 0
        levels = {}
        for status, level, count in Model._read_group(
            domain, ["sla_status", "escalation_level"], ["__count"]
        ):
            if status == "breached":
                breached += count
            if level:
                escalated += count
                levels[level] = levels.get(level, 0) + count
        if not decided:  # _read_group gives False for the average of nothing
            in_time = working_days = None
        return {
            "decided": decided,
            "in_time_rate": in_time,
            "decided_in_time": round(decided * (in_time or 0) / 100),
            "average_working_days": working_days,
            "breached": breached,
            "escalated": escalated,
            "by_escalation_level": sorted(levels.items()),
        }

    @api.model
    def _selection_labels(self, Model, field_name):
        return selection_labels(Model, field_name)

    @api.model
    def _get_compliance_data(self, date_from, date_to, company):
        """The figures of the compliance report, as a dict (records, counts, averages
        and sums), computed with grouped queries only, in the current user's rights.

        Averages are None when there is nothing to average; ``in_time_rate`` is a
        percentage (0-100), ratings are on Odoo's 1-5 scale."""
        date_from = fields.Date.to_date(date_from)
        date_to = fields.Date.to_date(date_to)
        if date_from > date_to:
            raise UserError(self.env._("The period must start before it ends."))
        env = self.with_company(company).env
        start, end = self._period_bounds(date_from, date_to, company)
        Request = env["beneficiary.service.request"]
        Complaint = env["beneficiary.complaint"]
        Compensation = env["beneficiary.compensation"]

        # ---- service requests received in the period
        request_domain = [
            ("company_id", "=", company.id),
            ("date_received", ">=", start),
            ("date_received", "<", end),
        ]
        by_channel = Request._read_group(request_domain, ["channel_id"], ["__count"])
        received_by_type = Request._read_group(request_domain, ["service_type_id"], ["__count"])
        decided_by_type = {
            service_type: (count, in_time, days)
            for service_type, count, in_time, days in Request._read_group(
                [*request_domain, ("sla_stop_date", "!=", False)],
                ["service_type_id"],
                ["__count", "sla_in_time:avg", "sla_working_days_used:avg"],
            )
        }
        by_service_type = []
        for service_type, count in received_by_type:
            decided, in_time, days = decided_by_type.get(service_type, (0, None, None))
            by_service_type.append(
                {
                    "service_type": service_type,
                    "received": count,
                    "decided": decided,
                    "in_time_rate": in_time,
                    "average_working_days": days,
                }
            )
        state_labels = self._selection_labels(Request, "state")
        requests = {
            "received": sum(count for _channel, count in by_channel),
            "by_channel": by_channel,
            "by_service_type": by_service_type,
            "by_state": [
                (state, state_labels[state], count)
                for state, count in Request._read_group(request_domain, ["state"], ["__count"])
            ],
            **self._sla_figures(Request, request_domain),
        }

        # ---- complaints and inquiries received in the period
        complaint_domain = [
            ("company_id", "=", company.id),
            ("date_received", ">=", start),
            ("date_received", "<", end),
        ]
        category_states = Complaint._read_group(complaint_domain, ["category_id", "state"], ["__count"])
        by_category = {}
        by_state = {}
        for category, state, count in category_states:
            by_category[category] = by_category.get(category, 0) + count
            by_state[state] = by_state.get(state, 0) + count
        complaint_state_labels = self._selection_labels(Complaint, "state")
        complaints = {
            "received": sum(by_category.values()),
            "by_category": list(by_category.items()),  # in the categories' order
            "by_state": [
                (state, complaint_state_labels[state], by_state[state])
                for state in complaint_state_labels
                if state in by_state
            ],
            **self._sla_figures(Complaint, complaint_domain),
        }

        # ---- compensations approved, and paid, in the period
        [(approved_count, approved_amount)] = Compensation._read_group(
            [
                ("company_id", "=", company.id),
                ("approved_on", ">=", start),
                ("approved_on", "<", end),
                ("state", "in", ("approved", "paid")),
            ],
            [],
            ["__count", "amount_agreed:sum"],
        )
        [(paid_count, paid_amount)] = Compensation._read_group(
            [
                ("company_id", "=", company.id),
                ("date_paid", ">=", start),
                ("date_paid", "<", end),
                ("state", "=", "paid"),
            ],
            [],
            ["__count", "amount_agreed:sum"],
        )
        compensations = {
            "currency": company.currency_id,
            "approved": approved_count,
            "approved_amount": approved_amount or 0.0,
            "paid": paid_count,
            "paid_amount": paid_amount or 0.0,
        }

        # ---- satisfaction: the ratings given on those requests and complaints
        satisfaction = {
            model: {"count": 0, "average": None, "satisfied_rate": None}
            for model in (Request._name, Complaint._name)
        }
        rating_domain = [
            ("consumed", "=", True),
            ("rating", ">=", 1),
            *self._on_records_domain(env, request_domain, complaint_domain),
        ]
        totals = {}
        for model, text, count, total in env["rating.rating"]._read_group(
            rating_domain, ["res_model", "rating_text"], ["__count", "rating:sum"]
        ):
            counts = totals.setdefault(model, {"count": 0, "sum": 0.0, "satisfied": 0})
            counts["count"] += count
            counts["sum"] += total
            if text == "top":
                counts["satisfied"] += count
        for model, counts in totals.items():
            satisfaction[model] = {
                "count": counts["count"],
                "average": counts["sum"] / counts["count"],
                "satisfied_rate": 100.0 * counts["satisfied"] / counts["count"],
            }

        return {
            "company": company,
            "date_from": date_from,
            "date_to": date_to,
            "requests": requests,
            "complaints": complaints,
            "compensations": compensations,
            "satisfaction": {
                "requests": satisfaction[Request._name],
                "complaints": satisfaction[Complaint._name],
            },
            "informed": self._informed_figures(env, request_domain, complaint_domain, requests, complaints),
        }

    @api.model
    def _on_records_domain(self, env, request_domain, complaint_domain):
        """The domain of the ratings or messages (``res_model``/``res_id``) on the requests
        of ``request_domain`` or the complaints of ``complaint_domain``."""
        Request = env["beneficiary.service.request"]
        Complaint = env["beneficiary.complaint"]
        return [
            "|",
            "&",
            ("res_model", "=", Request._name),
            ("res_id", "in", Request._search(request_domain)),
            "&",
            ("res_model", "=", Complaint._name),
            ("res_id", "in", Complaint._search(complaint_domain)),
        ]

    @api.model
    def _informed_figures(self, env, request_domain, complaint_domain, requests, complaints):
        """How the beneficiaries of the requests and complaints were kept informed: the
        messages per channel (informed, waiting, failed, and informed within the record's
        deadline), and the decisions and answers told within the deadline. Two grouped
        queries."""
        Request = env["beneficiary.service.request"]
        Complaint = env["beneficiary.complaint"]
        Log = env["beneficiary.notification.log"]
        domain = self._on_records_domain(env, request_domain, complaint_domain)
        labels = self._selection_labels(Log, "channel")
        rows = {}
        for channel, state, in_time, count in Log._read_group(
            domain, ["channel", "state", "in_time"], ["__count"]
        ):
            row = rows.setdefault(
                channel,
                {"channel": channel, "label": labels[channel], "messages": 0, "informed": 0, "in_time": 0,
                 "waiting": 0, "failed": 0},
            )  # fmt: skip
            row["messages"] += count
            if state in ("sent", "done"):
                row["informed"] += count
                row["in_time"] += count if in_time else 0
            elif state in ("queued", "to_do"):
                row["waiting"] += count
            elif state == "failed":
                row["failed"] += count
        told = dict(
            Log._read_group(
                [
                    *domain,
                    ("kind", "=", "decision"),
                    ("in_time", "=", True),
                    ("state", "in", ("sent", "done")),
                ],
                ["res_model"],
                ["res_id:count_distinct"],
            )
        )
        decided = requests["decided"] + complaints["decided"]
        told_in_time = told.get(Request._name, 0) + told.get(Complaint._name, 0)
        by_channel = [rows[code] for code in labels if code in rows]
        return {
            "by_channel": by_channel,
            "messages": sum(row["messages"] for row in by_channel),
            "failed": sum(row["failed"] for row in by_channel),
            "decided": decided,
            "told_in_time": told_in_time,
            "told_in_time_rate": 100.0 * told_in_time / decided if decided else None,
        }
