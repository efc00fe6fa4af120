import datetime

import pytz

from odoo import fields, models

from ..lib import working_days


class WorkingCalendar:
    """A calendar's working weekdays, holidays and closing hour, loaded once and then
    used for many deadlines without further queries."""

    def __init__(self, weekdays, holidays, tz, closing_hour):
        self.weekdays = frozenset(weekdays) or working_days.SAUDI_WEEKDAYS
        self.holidays = frozenset(holidays)
        self.tz = pytz.timezone(tz or "Asia/Riyadh")
        self.closing_hour = closing_hour

    def local_date(self, value):
        """The calendar-local date of a naive UTC datetime."""
        return pytz.utc.localize(value).astimezone(self.tz).date()

    def closing_time(self, day):
        """The naive UTC datetime at which working day ``day`` ends."""
        hours = int(self.closing_hour)
        minutes = round((self.closing_hour - hours) * 60)
        local = self.tz.localize(datetime.datetime.combine(day, datetime.time(hours, minutes)))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    def add(self, start, days):
        """Deadline ``days`` working days after the naive UTC datetime ``start``: the
        closing time of that working day."""
        day = working_days.add_working_days(self.local_date(start), days, self.weekdays, self.holidays)
        return self.closing_time(day)

    def count(self, start, end):
        """Working days from the day of ``start`` (excluded) to the day of ``end``."""
        return working_days.count_working_days(
            self.local_date(start), self.local_date(end), self.weekdays, self.holidays
        )

    def cutoff(self, now, days):
        """Deadlines before the returned naive UTC datetime are at least ``days`` working
        days late at ``now`` (``days = 0``: any deadline already passed)."""
        if days <= 0:
            return now
        day = working_days.subtract_working_days(self.local_date(now), days, self.weekdays, self.holidays)
        local = self.tz.localize(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time()))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    def at_risk_from(self, deadline, days):
        """The naive UTC datetime from which at most ``days`` working days are left before
        ``deadline``: the start of the ``days``-th working day before the deadline's day."""
        day = self.local_date(deadline)
        for _i in range(days):
            day -= datetime.timedelta(days=1)
            while not working_days.is_working_day(day, self.weekdays, self.holidays):
                day -= datetime.timedelta(days=1)
        local = self.tz.localize(datetime.datetime.combine(day, datetime.time()))
        return local.astimezone(pytz.utc).replace(tzinfo=None)


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    def _beneficiary_working_calendar(self, date_from=None, date_to=None):
        """A :class:`WorkingCalendar` for this calendar, with the public holidays (leaves
        without resource) between the two dates (default: two years back, four ahead)."""
        self.ensure_one()
        today = fields.Date.today()
        date_from = date_from or today - datetime.timedelta(days=730)
        date_to = date_to or today + datetime.timedelta(days=1460)
        attendances = self.attendance_ids.filtered(lambda a: a.day_period != "lunch" and not a.display_type)
        weekdays = {int(a.dayofweek) for a in attendances}
        closing_hour = max(attendances.mapped("hour_to"), default=16.0)
        tz = pytz.timezone(self.tz or "Asia/Riyadh")
        leaves = self.env["resource.calendar.leaves"].search(
            [
                ("resource_id", "=", False),
                ("calendar_id", "in", (self.id, False)),
                ("date_from", "<=", datetime.datetime.combine(date_to, datetime.time.max)),
                ("date_to", ">=", datetime.datetime.combine(date_from, datetime.time.min)),
            ]
        )
        holidays = set()
        for leave in leaves:
            first = pytz.utc.localize(leave.date_from).astimezone(tz).date()
            # a leave ending at local midnight does not cover the next day
            last = (pytz.utc.localize(leave.date_to).astimezone(tz) - datetime.timedelta(seconds=1)).date()
            day = first
            while day <= last:
                holidays.add(day)
                day += datetime.timedelta(days=1)
        return WorkingCalendar(weekdays, holidays, self.tz, closing_hour)


class ResourceCalendarLeaves(models.Model):
    _inherit = "resource.calendar.leaves"

    beneficiary_is_estimate = fields.Boolean(
        string="Estimated Date",
        help="Generated from the Hijri calendar before the official announcement: "
        "check it once the date is confirmed.",
    )
