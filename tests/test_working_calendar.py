"""The in-memory working calendar of deadlines against Odoo's own ``resource.calendar``:
on the same calendars (public holidays, a Ramadan timetable given by dated attendances,
a short Thursday, a two-week calendar, part-day holidays), the deadline ``n`` working days
after a moment is the day ``plan_days`` finds and that day's closing time as
``plan_hours`` finds it."""

import datetime

import pytz
from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common_request import ServiceRequestCase

RIYADH = pytz.timezone("Asia/Riyadh")
# Ramadan 1447 as the Umm al-Qura calendar has it
RAMADAN = (datetime.date(2026, 2, 18), datetime.date(2026, 3, 19))
SUNDAY_TO_THURSDAY = ("6", "0", "1", "2", "3")


def _local(day, hour=0.0):
    """Naive UTC of a Riyadh wall-clock time."""
    moment = datetime.datetime.combine(day, datetime.time()) + datetime.timedelta(hours=hour)
    return RIYADH.localize(moment).astimezone(pytz.utc).replace(tzinfo=None)


def _attendances(days, hour_from, hour_to, **extra):
    return [
        Command.create(
            {
                "name": f"{day} {hour_from}",
                "dayofweek": day,
                "hour_from": hour_from,
                "hour_to": hour_to,
                **extra,
            }
        )
        for day in days
    ]


@tagged("post_install", "-at_install")
class TestWorkingCalendar(ServiceRequestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Calendar = cls.env["resource.calendar"]
        before, after = RAMADAN[0] - datetime.timedelta(days=1), RAMADAN[1] + datetime.timedelta(days=1)
        cls.ramadan = Calendar.create(
            {
                "name": "Ramadan hours",
                "tz": "Asia/Riyadh",
                "attendance_ids": [
                    Command.clear(),
                    *_attendances(SUNDAY_TO_THURSDAY, 8, 12, day_period="morning", date_to=before),
                    *_attendances(SUNDAY_TO_THURSDAY, 12, 16, day_period="afternoon", date_to=before),
                    *_attendances(SUNDAY_TO_THURSDAY, 10, 15, date_from=RAMADAN[0], date_to=RAMADAN[1]),
                    *_attendances(SUNDAY_TO_THURSDAY, 8, 16, date_from=after),
                ],
            }
        )
        cls.short_thursday = Calendar.create(
            {
                "name": "Short Thursday",
                "tz": "Asia/Riyadh",
                "attendance_ids": [
                    Command.clear(),
                    *_attendances(("6", "0", "1", "2"), 8, 16),
                    *_attendances(("3",), 8, 13),
                ],
            }
        )
        cls.two_weeks = Calendar.create(
            {
                "name": "Every other Thursday off",
                "tz": "Asia/Riyadh",
                "two_weeks_calendar": True,
                "attendance_ids": [
                    Command.clear(),
                    *_attendances(SUNDAY_TO_THURSDAY, 8, 16, week_type="0"),
                    *_attendances(("6", "0", "1", "2"), 9, 15, week_type="1"),
                ],
            }
        )
        cls.saudi = cls.env.company._get_beneficiary_calendar()
        cls.env["beneficiary.holidays.generate"].create(
            {"calendar_id": cls.saudi.id, "year": 2026}
        ).action_generate()
        Leave = cls.env["resource.calendar.leaves"]
        for calendar in (cls.ramadan, cls.short_thursday, cls.two_weeks):
            Leave.create(
                [
                    # Eid al-Fitr, whole days
                    {
                        "name": "Eid al-Fitr",
                        "calendar_id": calendar.id,
                        "date_from": _local(datetime.date(2026, 3, 19)),
                        "date_to": _local(datetime.date(2026, 3, 25)),
                    },
                    # an afternoon off: the morning still counts, and closes at noon
                    {
                        "name": "Afternoon off",
                        "calendar_id": calendar.id,
                        "date_from": _local(datetime.date(2026, 4, 8), 12),
                        "date_to": _local(datetime.date(2026, 4, 8), 17),
                    },
                    # a whole Wednesday, given as local midnight to midnight
                    {
                        "name": "Day off",
                        "calendar_id": calendar.id,
                        "date_from": _local(datetime.date(2026, 4, 15)),
                        "date_to": _local(datetime.date(2026, 4, 16)),
                    },
                ]
            )

    def _working(self, calendar):
        self.env.company.beneficiary_calendar_id = calendar
        return self.env.company._beneficiary_working_calendar()

    def _odoo_deadline(self, calendar, start, days):
        """The deadline as Odoo computes it: ``plan_days`` from the next local midnight
        gives the day, ``plan_hours`` of that day's working hours its closing time."""
        start_day = pytz.utc.localize(start).astimezone(RIYADH).date()
        day_end = calendar.plan_days(
            days, _local(start_day + datetime.timedelta(days=1)), compute_leaves=True
        )
        day = pytz.utc.localize(day_end).astimezone(RIYADH).date()
        midnight = RIYADH.localize(datetime.datetime.combine(day, datetime.time()))
        hours = calendar.get_work_hours_count(
            midnight, midnight + datetime.timedelta(days=1), compute_leaves=True
        )
        closing = calendar.plan_hours(hours, _local(day), compute_leaves=True)
        return closing.replace(microsecond=0)

    def _assert_same_as_odoo(
        self, calendar, first=datetime.date(2026, 2, 1), last=datetime.date(2026, 4, 30)
    ):
        working = self._working(calendar)
        day = first
        checked = 0
        while day <= last:
            start = _local(day, 10.5)
            for days in (1, 4, 15):
                deadline = working.add(start, days)
                self.assertEqual(
                    deadline,
                    self._odoo_deadline(calendar, start, days),
                    f"{calendar.name}: {days} working days after {day}",
                )
                self.assertEqual(working.count(start, deadline), days)
                checked += 1
            day += datetime.timedelta(days=3)
        self.assertGreater(checked, 80)

    # ------------------------------------------------------------------ against Odoo
    def test_saudi_calendar_with_public_holidays(self):
        self._assert_same_as_odoo(self.saudi)

    def test_ramadan_hours_from_dated_attendances(self):
        self._assert_same_as_odoo(self.ramadan)
        working = self._working(self.ramadan)
        # Thursday 26 February 2026, 10:00, in Ramadan: the next working day is Sunday 1
        # March, which closes at 15:00 (Ramadan hours), not at 16:00
        self.assertEqual(
            working.add(_local(datetime.date(2026, 2, 26), 10), 1), _local(datetime.date(2026, 3, 1), 15)
        )
        # after Ramadan and Eid, the normal day again
        self.assertEqual(
            working.add(_local(datetime.date(2026, 3, 26), 10), 1), _local(datetime.date(2026, 3, 29), 16)
        )

    def test_short_thursday_and_part_day_holidays(self):
        self._assert_same_as_odoo(self.short_thursday)
        working = self._working(self.short_thursday)
        wednesday = _local(datetime.date(2026, 4, 1), 10)
        self.assertEqual(
            working.add(wednesday, 1), _local(datetime.date(2026, 4, 2), 13), "Thursday closes at 13:00"
        )
        tuesday = _local(datetime.date(2026, 4, 7), 10)
        self.assertEqual(
            working.add(tuesday, 1), _local(datetime.date(2026, 4, 8), 12), "the afternoon is off"
        )
        self.assertEqual(
            working.add(_local(datetime.date(2026, 4, 14), 10), 1),
            _local(datetime.date(2026, 4, 16), 13),
            "Wednesday 15 April is off all day",
        )

    def test_two_week_calendar(self):
        self._assert_same_as_odoo(self.two_weeks)
        working = self._working(self.two_weeks)
        thursdays = [datetime.date(2026, 4, 2), datetime.date(2026, 4, 9)]
        self.assertEqual(sorted(working.is_working_day(day) for day in thursdays), [False, True])

    def test_calendar_days_mode(self):
        """Legal deadlines count every day and end with the day, in the company's time zone."""
        every_day = self.env["resource.calendar"].create(
            {
                "name": "Every day",
                "tz": "Asia/Riyadh",
                "attendance_ids": [Command.clear(), *_attendances([str(day) for day in range(7)], 0, 24)],
            }
        )
        working = self.env.company._beneficiary_working_calendar(calendar_days=True)
        for day in (datetime.date(2026, 3, 19), datetime.date(2026, 12, 31)):
            start = _local(day, 22)
            self.assertEqual(working.add(start, 30), self._odoo_deadline(every_day, start, 30))
            self.assertEqual(
                working.add(start, 30),
                _local(day + datetime.timedelta(days=31)) - datetime.timedelta(seconds=1),
            )

    # ------------------------------------------------------------------ in use
    def test_request_deadline_on_a_ramadan_calendar(self):
        self.env.company.beneficiary_calendar_id = self.ramadan
        with freeze_time(_local(datetime.date(2026, 2, 22), 11)):  # Sunday, in Ramadan
            request = self._bring_to(self._new_request(), "complete")
        # 15 working days: 23 February to 15 March, all in Ramadan
        self.assertEqual(request.sla_deadline, _local(datetime.date(2026, 3, 15), 15))
        with freeze_time(_local(datetime.date(2026, 3, 12), 9)):
            request.invalidate_recordset(["sla_days_left"])
            self.assertEqual(request.sla_days_left, 1, "Sunday 15 March is the one working day left")

    def test_calendar_changes_reach_the_deadlines(self):
        """The calendar kept per company follows its attendances and holidays."""
        working = self._working(self.short_thursday)
        wednesday = _local(datetime.date(2026, 5, 6), 10)
        self.assertEqual(working.add(wednesday, 1), _local(datetime.date(2026, 5, 7), 13))
        self.short_thursday.attendance_ids.filtered(lambda a: a.dayofweek == "3").hour_to = 14
        working = self.env.company._beneficiary_working_calendar()
        self.assertEqual(working.add(wednesday, 1), _local(datetime.date(2026, 5, 7), 14))
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Founding day",
                "calendar_id": self.short_thursday.id,
                "date_from": _local(datetime.date(2026, 5, 7)),
                "date_to": _local(datetime.date(2026, 5, 8)),
            }
        )
        working = self.env.company._beneficiary_working_calendar()
        self.assertEqual(working.add(wednesday, 1), _local(datetime.date(2026, 5, 10), 16), "Thursday is off")
        self.assertIs(working, self.env.company._beneficiary_working_calendar(), "kept until the next change")
