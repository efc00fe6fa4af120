from odoo import models

from ..lib.working_days import Attendance, WorkingCalendar


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    def _beneficiary_working_calendar(self):
        """This calendar as a :class:`~..lib.working_days.WorkingCalendar`: its
        attendances of the whole calendar (not those of one resource) with their week
        types and date ranges, and the public holidays (leaves without resource, of this
        calendar or of all calendars), read as ``plan_days`` reads them."""
        self.ensure_one()
        attendances = [
            Attendance(
                int(attendance.dayofweek),
                attendance.hour_from,
                attendance.hour_to,
                int(attendance.week_type) if attendance.week_type else None,
                attendance.date_from or None,
                attendance.date_to or None,
            )
            for attendance in self.attendance_ids
            if not attendance.resource_id and not attendance.display_type and attendance.day_period != "lunch"
        ]
        if not attendances:
            # a flexible calendar (no attendances): the Saudi working week
            return WorkingCalendar.weekly(tz=self.tz)
        leaves = self.env["resource.calendar.leaves"].search_fetch(
            self._beneficiary_holiday_domain(), ["date_from", "date_to"]
        )
        return WorkingCalendar(
            attendances,
            [(leave.date_from, leave.date_to) for leave in leaves],
            self.tz,
            two_weeks=self.two_weeks_calendar,
        )

    def _beneficiary_holiday_domain(self):
        """The leaves that stop the clock for everyone (``_leave_intervals_batch``'s
        domain for a calendar without resource)."""
        return [
            ("time_type", "=", "leave"),
            ("resource_id", "=", False),
            ("calendar_id", "in", [False, *self.ids]),
        ]

    def write(self, vals):
        res = super().write(vals)
        self.env["res.company"]._beneficiary_calendar_changed()
        return res

    def unlink(self):
        res = super().unlink()
        self.env["res.company"]._beneficiary_calendar_changed()
        return res
