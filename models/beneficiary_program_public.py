from odoo import fields, models
from odoo.tools import format_amount, format_date

from ..lib import hijri

# states in which an announced program shows on the public pages
PUBLIC_STATES = ("open", "running", "done", "reported")


class BeneficiaryProgram(models.Model):
    """The program on the association's public pages (policy 002: «نشر إعلان البرنامج
    مرفق معه استمارة التسجيل متضمنة الشروط» and «نشر تقرير البرنامج في موقع الجمعية»):
    the announcement with its conditions while registration is open, then the published
    report's figures. No personal data leaves: no participant, no coordinator."""

    _inherit = "beneficiary.program"

    website_published = fields.Boolean(
        string="Announced on the Website",
        tracking=True,
        copy=False,
        help="The program is shown on the public page /programs (no login) from the opening of its "
        "registration; its report too once published.",
    )
    criterion_ids = fields.One2many(
        "beneficiary.program.criterion",
        "program_id",
        string="Admission Conditions",
        copy=True,
        help="Checked one by one at the personal interview; announced on the public page.",
    )

    def action_publish_report(self):
        res = super().action_publish_report()
        # a published report is on the association's website (policy 002, step 8)
        self.filtered(lambda p: p.state == "reported" and not p.website_published).website_published = True
        return res

    def _public_fee(self, currency):
        """The fee as the visitor's language writes it: ``150.00 ر.س`` in Arabic, not the
        ``SR`` of Odoo's riyal."""
        fee = format_amount(self.env, self.fee_amount, currency)
        symbol = currency._beneficiary_symbol(self.env.lang)
        return fee.replace(currency.symbol, symbol) if currency.symbol and symbol != currency.symbol else fee

    def _get_public_domain(self):
        return [("website_published", "=", True), ("state", "in", PUBLIC_STATES)]

    def _get_public_values(self):
        """What the public page of the program shows, as plain values: the announcement,
        its conditions, and once the report is published its figures (counts and rates,
        never who took part). The caller has checked that the visitor may read the
        program; its configuration records are read as superuser for their names only."""
        self.ensure_one()
        self.check_access("read")
        program_sudo = self.sudo()
        lang = self.env.lang or "en_US"
        if self.age_min and self.age_max:
            ages = self.env._("from %(min)s to %(max)s years", min=self.age_min, max=self.age_max)
        elif self.age_min:
            ages = self.env._("%(min)s years and older", min=self.age_min)
        elif self.age_max:
            ages = self.env._("up to %(max)s years", max=self.age_max)
        else:
            ages = False
        values = {
            "dates": [
                {
                    "gregorian": format_date(self.env, day, date_format="dd/MM/yyyy"),
                    "hijri": hijri.format_hijri(day, lang=lang),
                }
                for day in (self.date_start, self.date_end)
            ],
            "deadline": self.registration_deadline
            and format_date(self.env, self.registration_deadline, date_format="dd/MM/yyyy"),
            "ages": ages,
            "gender": dict(self._fields["target_gender"]._description_selection(self.env))[
                self.target_gender
            ],
            "categories": program_sudo.category_ids.mapped("name"),
            "fee": self.fee_type == "paid" and self._public_fee(program_sudo.company_id.currency_id),
            "seats_left": self.seats and self.seats_available,
            "criteria": [
                {
                    "name": criterion.name,
                    "description": criterion.description,
                    "mandatory": criterion.mandatory,
                }
                for criterion in program_sudo.criterion_ids
            ],
            "interview": self.interview_required,
            "is_open": self._is_open_for_registration(),
            "report": False,
        }
        if self.is_published:
            values["report"] = {
                "published_on": format_date(self.env, self.report_published_date, date_format="dd/MM/yyyy"),
                "participants": len(program_sudo._get_report_participants()),
                "sessions": program_sudo._get_report_sessions_held(),
                "attendance": round(self.attendance_rate),
                "satisfaction": program_sudo.evaluation_answer_count
                and round(program_sudo.evaluation_satisfaction),
                "answers": program_sudo.evaluation_answer_count,
            }
        return values
