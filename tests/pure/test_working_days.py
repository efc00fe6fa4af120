import datetime
import unittest

import _lib  # noqa: F401
from br_lib.working_days import (
    SAUDI_WEEKDAYS,
    Attendance,
    WorkingCalendar,
    add_working_days,
    count_working_days,
    is_working_day,
    subtract_working_days,
    week_type,
)
from hypothesis import given
from hypothesis import strategies as st

D = datetime.date
# Eid al-Fitr 1447 as the holidays library estimates it
EID = frozenset(D(2026, 3, day) for day in range(19, 25))

dates = st.dates(min_value=D(2024, 1, 1), max_value=D(2030, 12, 31))
holiday_sets = st.frozensets(dates, max_size=30)


class TestWorkingDays(unittest.TestCase):
    def test_weekend_is_skipped(self):
        thursday = D(2026, 3, 5)
        self.assertEqual(add_working_days(thursday, 1), D(2026, 3, 8), "Friday and Saturday are skipped")
        self.assertEqual(add_working_days(thursday, 5), D(2026, 3, 12))

    def test_fifteen_days_across_eid(self):
        # complete on Sunday 15 March 2026, Eid holidays 19-24 March
        start = D(2026, 3, 15)
        without_eid = add_working_days(start, 15)
        with_eid = add_working_days(start, 15, holidays=EID)
        self.assertEqual(without_eid, D(2026, 4, 5))
        # Eid removes Thu 19, Sun 22, Mon 23, Tue 24 (Fri 20 and Sat 21 are weekend)
        self.assertEqual(with_eid, D(2026, 4, 9))
        self.assertEqual(count_working_days(start, with_eid, holidays=EID), 15)

    def test_zero_and_empty_calendar(self):
        self.assertEqual(add_working_days(D(2026, 1, 1), 0), D(2026, 1, 1))
        self.assertEqual(count_working_days(D(2026, 1, 5), D(2026, 1, 5)), 0)
        self.assertEqual(count_working_days(D(2026, 1, 6), D(2026, 1, 5)), 0)
        with self.assertRaises(ValueError):
            add_working_days(D(2026, 1, 1), 3, weekdays=frozenset())

    def test_subtract_is_the_cutoff_for_escalation(self):
        sunday = D(2026, 3, 8)
        cutoff = subtract_working_days(sunday, 1)
        self.assertEqual(cutoff, D(2026, 3, 7))
        self.assertEqual(
            count_working_days(D(2026, 3, 5), sunday), 1, "Thursday's deadline is 1 day late on Sunday"
        )

    @given(start=dates, days=st.integers(min_value=1, max_value=60), holidays=holiday_sets)
    def test_add_lands_on_a_working_day_and_counts_back(self, start, days, holidays):
        end = add_working_days(start, days, holidays=holidays)
        self.assertTrue(is_working_day(end, SAUDI_WEEKDAYS, holidays))
        self.assertGreater(end, start)
        self.assertEqual(count_working_days(start, end, holidays=holidays), days)

    @given(start=dates, days=st.integers(min_value=1, max_value=40), holidays=holiday_sets)
    def test_monotone(self, start, days, holidays):
        self.assertLess(
            add_working_days(start, days, holidays=holidays),
            add_working_days(start, days + 1, holidays=holidays),
        )
        self.assertLessEqual(
            add_working_days(start, days, holidays=holidays),
            add_working_days(start + datetime.timedelta(days=1), days, holidays=holidays),
        )

    @given(start=dates, days=st.integers(min_value=1, max_value=40), holiday=dates)
    def test_a_holiday_never_brings_the_deadline_earlier(self, start, days, holiday):
        plain = add_working_days(start, days)
        with_holiday = add_working_days(start, days, holidays={holiday})
        self.assertGreaterEqual(with_holiday, plain)
        if start < holiday <= plain and is_working_day(holiday, SAUDI_WEEKDAYS):
            self.assertGreater(with_holiday, plain)

    @given(end=dates, days=st.integers(min_value=1, max_value=40), holidays=holiday_sets)
    def test_subtract_cutoff(self, end, days, holidays):
        cutoff = subtract_working_days(end, days, holidays=holidays)
        self.assertGreaterEqual(count_working_days(cutoff, end, holidays=holidays), days)
        self.assertLess(count_working_days(cutoff + datetime.timedelta(days=1), end, holidays=holidays), days)


def _utc(day, hour=0.0):
    """Naive UTC of a Riyadh wall-clock time (UTC+3 all year)."""
    return datetime.datetime.combine(day, datetime.time()) + datetime.timedelta(hours=hour - 3)


RAMADAN = (D(2026, 2, 18), D(2026, 3, 19))
SUN_THU = (6, 0, 1, 2, 3)


class TestWorkingCalendar(unittest.TestCase):
    """The calendar read from attendances and leaves, as ``resource.calendar`` has them
    (the Odoo suite checks the same calendars against ``plan_days``)."""

    def test_ramadan_hours_close_the_day_earlier(self):
        before, after = RAMADAN[0] - datetime.timedelta(days=1), RAMADAN[1] + datetime.timedelta(days=1)
        calendar = WorkingCalendar(
            [Attendance(day, 8, 16, date_to=before) for day in SUN_THU]
            + [Attendance(day, 10, 15, date_from=RAMADAN[0], date_to=RAMADAN[1]) for day in SUN_THU]
            + [Attendance(day, 8, 16, date_from=after) for day in SUN_THU]
        )
        self.assertEqual(calendar.add(_utc(D(2026, 2, 15), 10), 1), _utc(D(2026, 2, 16), 16))
        self.assertEqual(
            calendar.add(_utc(D(2026, 2, 17), 10), 1), _utc(D(2026, 2, 18), 15), "first day of Ramadan"
        )
        self.assertEqual(calendar.add(_utc(D(2026, 3, 19), 10), 1), _utc(D(2026, 3, 22), 16), "after Ramadan")

    def test_each_day_closes_at_its_own_hour(self):
        calendar = WorkingCalendar(
            [Attendance(day, 8, 12) for day in SUN_THU]
            + [Attendance(day, 13, 16) for day in (6, 0, 1, 2)]
            + [Attendance(3, 12, 13)]
        )
        self.assertEqual(
            calendar.add(_utc(D(2026, 4, 1), 10), 1), _utc(D(2026, 4, 2), 13), "Thursday closes at 13:00"
        )
        self.assertEqual(calendar.add(_utc(D(2026, 4, 2), 10), 1), _utc(D(2026, 4, 5), 16))

    def test_part_day_leave_keeps_the_morning(self):
        calendar = WorkingCalendar(
            [Attendance(day, 8, 16) for day in SUN_THU],
            leaves=[
                (_utc(D(2026, 4, 8), 12), _utc(D(2026, 4, 8), 17)),
                (_utc(D(2026, 4, 9)), _utc(D(2026, 4, 10))),
            ],
        )
        self.assertEqual(calendar.add(_utc(D(2026, 4, 7), 10), 1), _utc(D(2026, 4, 8), 12))
        self.assertFalse(calendar.is_working_day(D(2026, 4, 9)), "a leave from midnight to midnight")
        self.assertTrue(calendar.is_working_day(D(2026, 4, 12)), "the leave does not spill over")

    def test_two_week_calendar(self):
        calendar = WorkingCalendar(
            [Attendance(day, 8, 16, week_type=0) for day in SUN_THU]
            + [Attendance(day, 8, 16, week_type=1) for day in (6, 0, 1, 2)],
            two_weeks=True,
        )
        thursdays = [D(2026, 4, 2) + datetime.timedelta(weeks=n) for n in range(4)]
        self.assertEqual(
            [calendar.is_working_day(day) for day in thursdays], [week_type(day) == 0 for day in thursdays]
        )
        self.assertEqual(len({week_type(day) for day in thursdays}), 2)

    def test_calendar_days_end_with_the_day(self):
        calendar = WorkingCalendar.calendar_days()
        deadline = calendar.add(_utc(D(2026, 12, 31), 23.5), 30)
        self.assertEqual(deadline, _utc(D(2027, 1, 30), 24) - datetime.timedelta(seconds=1))
        self.assertEqual(calendar.local_date(deadline), D(2027, 1, 30))
        self.assertEqual(calendar.count(_utc(D(2026, 12, 31), 23.5), deadline), 30)

    def test_no_working_time_at_all(self):
        with self.assertRaises(ValueError):
            WorkingCalendar([Attendance(0, 8, 8)])
        past = WorkingCalendar([Attendance(0, 8, 16, date_to=D(2020, 1, 1))])
        with self.assertRaises(ValueError):
            past.add_days(D(2026, 1, 1), 1)

    @given(
        start=dates,
        days=st.integers(min_value=1, max_value=40),
        leaves=st.lists(st.tuples(dates, st.integers(0, 23), st.integers(1, 72)), max_size=20),
        short=st.sampled_from(SUN_THU),
    )
    def test_same_as_a_day_by_day_count(self, start, days, leaves, short):
        """The binary search over the days computed gives what counting day by day gives."""
        calendar = WorkingCalendar(
            [Attendance(day, 8, 16 if day != short else 12) for day in SUN_THU],
            leaves=[(_utc(day, hour), _utc(day, hour + length)) for day, hour, length in leaves],
        )
        end = calendar.add_days(start, days)
        day, counted = start, 0
        while counted < days:
            day += datetime.timedelta(days=1)
            counted += calendar.is_working_day(day)
        self.assertEqual(end, day)
        self.assertEqual(calendar.count_days(start, end), days)
        cutoff = calendar.subtract_days(end, days)
        self.assertGreaterEqual(calendar.count_days(cutoff, end), days)
        self.assertLess(calendar.count_days(cutoff + datetime.timedelta(days=1), end), days)
