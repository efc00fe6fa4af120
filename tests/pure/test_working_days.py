import datetime
import unittest

import _lib  # noqa: F401
from br_lib.working_days import (
    SAUDI_WEEKDAYS,
    add_working_days,
    count_working_days,
    is_working_day,
    subtract_working_days,
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
