import unittest

import _lib  # noqa: F401
from br_lib import counting


class TestCounting(unittest.TestCase):
    def test_working_days(self):
        cases = {
            0: "0 يوم عمل",
            1: "يوم عمل واحد",
            2: "يوما عمل",
            3: "3 أيام عمل",
            10: "10 أيام عمل",
            11: "11 يوم عمل",
            15: "15 يوم عمل",
            100: "100 يوم عمل",
            101: "101 يوم عمل",
            103: "103 أيام عمل",
            111: "111 يوم عمل",
        }
        for number, text in cases.items():
            with self.subTest(number=number):
                self.assertEqual(counting.count_phrase(number, "working_day"), text)

    def test_nouns_of_the_module(self):
        cases = {
            "seat": (
                "0 مقعد",
                "مقعد واحد",
                "مقعدان",
                "3 مقاعد",
                "10 مقاعد",
                "11 مقعداً",
                "100 مقعد",
                "101 مقعد",
            ),
            "year": ("0 سنة", "سنة واحدة", "سنتان", "3 سنوات", "10 سنوات", "11 سنة", "100 سنة", "101 سنة"),
            "participant": (
                "0 مشارك",
                "مشارك واحد",
                "مشاركان",
                "3 مشاركين",
                "10 مشاركين",
                "11 مشاركاً",
                "100 مشارك",
                "101 مشارك",
            ),
            "day": ("0 يوم", "يوم واحد", "يومان", "3 أيام", "10 أيام", "11 يوماً", "100 يوم", "101 يوم"),
        }
        for noun, texts in cases.items():
            for number, text in zip((0, 1, 2, 3, 10, 11, 100, 101), texts, strict=True):
                with self.subTest(noun=noun, number=number):
                    self.assertEqual(counting.count_phrase(number, noun), text)

    def test_dual_after_a_preposition(self):
        self.assertEqual(counting.count_phrase(2, "working_day", case="oblique"), "يومي عمل")
        self.assertEqual(counting.count_phrase(2, "year", case="oblique"), "سنتين")
        # only the dual changes
        self.assertEqual(counting.count_phrase(15, "working_day", case="oblique"), "15 يوم عمل")

    def test_english(self):
        self.assertEqual(counting.count_phrase(1, "working_day", lang="en_US"), "1 working day")
        self.assertEqual(counting.count_phrase(0, "seat", lang="en_US"), "0 seats")
        self.assertEqual(counting.count_phrase(11, "participant", lang="en_US"), "11 participants")

    def test_overdue_and_invalid(self):
        self.assertEqual(counting.count_phrase(-3, "working_day"), "-3 أيام عمل")
        self.assertEqual(counting.count_phrase(-1, "working_day"), "-1 يوم عمل")
        self.assertEqual(counting.count_phrase(3.0, "seat"), "3 مقاعد")
        with self.assertRaises(ValueError):
            counting.count_phrase(2.5, "seat")
        with self.assertRaises(KeyError):
            counting.count_phrase(2, "camel")

    def test_plural_categories(self):
        expected = {0: "zero", 1: "one", 2: "two", 3: "few", 10: "few", 11: "many", 99: "many", 100: "other",
                    101: "other", 102: "other", 103: "few", 111: "many", 1000: "other"}  # fmt: skip
        for number, category in expected.items():
            with self.subTest(number=number):
                self.assertEqual(counting.plural_category(number), category)


if __name__ == "__main__":
    unittest.main()
