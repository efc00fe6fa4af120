import datetime
import unittest

import _lib  # noqa: F401
from br_lib import dates


class TestDates(unittest.TestCase):
    def test_local_date_around_midnight(self):
        # 22:30 UTC is 01:30 the next day in Riyadh (UTC+3)
        self.assertEqual(dates.local_date(datetime.datetime(2026, 12, 7, 22, 30)), datetime.date(2026, 12, 8))
        # 23:59 in Riyadh is 20:59 UTC, still the same day
        self.assertEqual(dates.local_date(datetime.datetime(2026, 12, 7, 20, 59)), datetime.date(2026, 12, 7))
        self.assertEqual(dates.local_date(datetime.datetime(2026, 12, 7, 21, 0)), datetime.date(2026, 12, 8))
        self.assertEqual(
            dates.local_date(datetime.datetime(2026, 12, 7, 22, 30), "Europe/Paris"),
            datetime.date(2026, 12, 7),
        )
        self.assertEqual(
            dates.local_date(datetime.datetime(2026, 12, 7, 22, 30), "Mars/Olympus"),
            datetime.date(2026, 12, 8),
        )
        self.assertEqual(dates.local_date(datetime.date(2026, 12, 7)), datetime.date(2026, 12, 7))
        self.assertIsNone(dates.local_date(False))

    def test_day_and_range(self):
        start, end = datetime.date(2026, 12, 8), datetime.date(2027, 2, 6)
        self.assertEqual(dates.format_day(start), "8 ديسمبر 2026")
        self.assertEqual(dates.format_day(start, "en_US"), "8 December 2026")
        self.assertEqual(dates.format_range(start, end), "من 8 ديسمبر 2026 إلى 6 فبراير 2027")
        self.assertEqual(dates.format_range(start, end, "en_US"), "from 8 December 2026 to 6 February 2027")
        self.assertEqual(dates.format_range(start, False), "من 8 ديسمبر 2026")
        self.assertEqual(dates.format_range(start, start), "8 ديسمبر 2026")
        self.assertEqual(dates.format_range(False, end), "")

    def test_hijri_first(self):
        day = datetime.date(2025, 7, 13)
        self.assertEqual(dates.format_hijri_first(day, "13/07/2025"), "18 محرم 1447 هـ الموافق 13/07/2025 م")
        self.assertEqual(
            dates.format_hijri_first(day, "07/13/2025", "en_US"), "07/13/2025 (18 Muharram 1447 AH)"
        )
        self.assertEqual(dates.format_hijri_first(datetime.date(1900, 1, 1), "01/01/1900"), "01/01/1900")


if __name__ == "__main__":
    unittest.main()
