import datetime

import holidays
import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError


class BeneficiaryHolidaysGenerate(models.TransientModel):
    """Adds a year's Saudi public holidays (Founding Day, Eid al-Fitr, Eid al-Adha,
    National Day) to a working calendar, from the ``holidays`` library. Islamic
    holidays depend on the moon sighting: they are marked as estimates to check."""

    _name = "beneficiary.holidays.generate"
    _description = "Generate Saudi Public Holidays"

    calendar_id = fields.Many2one(
        "resource.calendar",
        required=True,
        default=lambda self: self.env.company._get_beneficiary_calendar(),
    )
    year = fields.Integer(required=True, default=lambda self: self.env.company._beneficiary_today().year)

    @api.model
    def _get_saudi_holidays(self, year, lang):
        """[(first day, last day, name, is_estimate)] of the year, consecutive days of the
        same holiday grouped."""
        language = "ar" if (lang or "").startswith("ar") else "en_US"
        shown = holidays.country_holidays("SA", years=year, language=language, islamic_show_estimated=True)
        plain = holidays.country_holidays("SA", years=year, language=language, islamic_show_estimated=False)
        groups = []
        for day in sorted(shown):
            name = plain.get(day)
            estimate = shown.get(day) != name
            base = name.split(" (")[0]
            if groups and groups[-1][2] == base and (day - groups[-1][1]).days <= 2:
                first, _last, _name, was_estimate = groups[-1]
                groups[-1] = (first, day, base, was_estimate or estimate)
            else:
                groups.append((day, day, base, estimate))
        return groups

    def action_generate(self):
        self.ensure_one()
        if not 1950 <= self.year <= 2100:
            raise UserError(self.env._("Choose a year between 1950 and 2100."))
        tz = pytz.timezone(self.calendar_id.tz or "Asia/Riyadh")
        Leaves = self.env["resource.calendar.leaves"]
        existing = Leaves.search(
            [
                ("calendar_id", "=", self.calendar_id.id),
                ("resource_id", "=", False),
                ("date_from", "<=", datetime.datetime(self.year, 12, 31, 23, 59, 59)),
                ("date_to", ">=", datetime.datetime(self.year - 1, 12, 31)),
            ]
        )
        vals_list = []
        for first, last, name, estimate in self._get_saudi_holidays(self.year, self.env.lang):
            date_from = tz.localize(datetime.datetime.combine(first, datetime.time())).astimezone(pytz.utc)
            date_to = tz.localize(datetime.datetime.combine(last, datetime.time(23, 59, 59))).astimezone(
                pytz.utc
            )
            date_from, date_to = date_from.replace(tzinfo=None), date_to.replace(tzinfo=None)
            if any(leave.date_from <= date_to and leave.date_to >= date_from for leave in existing):
                continue
            vals_list.append(
                {
                    "name": name,
                    "calendar_id": self.calendar_id.id,
                    "company_id": self.calendar_id.company_id.id or self.env.company.id,
                    "date_from": date_from,
                    "date_to": date_to,
                    "time_type": "leave",
                    "beneficiary_is_estimate": estimate,
                }
            )
        leaves = Leaves.create(vals_list)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Public Holidays %(year)s", year=self.year),
            "res_model": "resource.calendar.leaves",
            "view_mode": "list,form",
            "domain": [("calendar_id", "=", self.calendar_id.id), ("resource_id", "=", False)],
            "context": {"created_ids": leaves.ids},
        }
