import unittest

import _lib  # noqa: F401  (makes br_lib importable)
from br_lib import saudi_id
from br_lib.digits import clean_number, to_ascii_digits
from hypothesis import given
from hypothesis import strategies as st

VALID_CITIZEN = "1000000008"
VALID_RESIDENT = "2000000006"


class TestSaudiId(unittest.TestCase):
    def test_known_valid_numbers(self):
        self.assertTrue(saudi_id.is_valid(VALID_CITIZEN))
        self.assertTrue(saudi_id.is_valid(VALID_RESIDENT))
        self.assertEqual(saudi_id.id_type(VALID_CITIZEN), "national_id")
        self.assertEqual(saudi_id.id_type(VALID_RESIDENT), "iqama")

    def test_errors_are_named(self):
        self.assertEqual(saudi_id.validate("")[1], "empty")
        self.assertEqual(saudi_id.validate("10000000A8")[1], "not_digits")
        self.assertEqual(saudi_id.validate("100000008")[1], "length")
        self.assertEqual(saudi_id.validate("10000000080")[1], "length")
        self.assertEqual(saudi_id.validate("3000000004")[1], "prefix")
        self.assertEqual(saudi_id.validate("1000000009")[1], "checksum")

    def test_arabic_indic_digits_and_invisible_marks(self):
        self.assertEqual(saudi_id.normalize("١٠٠٠٠٠٠٠٠٨"), VALID_CITIZEN)
        self.assertEqual(saudi_id.normalize("۲۰۰۰۰۰۰۰۰۶"), VALID_RESIDENT)
        self.assertEqual(saudi_id.normalize("\u200f1000-000 008\u200b"), VALID_CITIZEN)
        self.assertTrue(saudi_id.is_valid("١٠٠٠\u200c٠٠٠٠٠٨"))

    def test_digits_helpers_keep_other_text(self):
        self.assertEqual(to_ascii_digits("رقم ١٢٣"), "رقم 123")
        self.assertEqual(clean_number(" ٠٥٥ ١٢٣ ٤٥٦٧ "), "0551234567")
        self.assertEqual(clean_number(None), "")

    @given(prefix=st.sampled_from("12"), body=st.text(alphabet="0123456789", min_size=8, max_size=8))
    def test_completed_numbers_are_valid(self, prefix, body):
        number = prefix + body + saudi_id.check_digit(prefix + body)
        self.assertTrue(saudi_id.is_valid(number))
        self.assertEqual(saudi_id.id_type(number), {"1": "national_id", "2": "iqama"}[prefix])

    @given(
        prefix=st.sampled_from("12"),
        body=st.text(alphabet="0123456789", min_size=8, max_size=8),
        position=st.integers(min_value=0, max_value=9),
        delta=st.integers(min_value=1, max_value=9),
    )
    def test_any_single_digit_error_is_caught(self, prefix, body, position, delta):
        number = prefix + body + saudi_id.check_digit(prefix + body)
        wrong = number[:position] + str((int(number[position]) + delta) % 10) + number[position + 1 :]
        self.assertFalse(saudi_id.is_valid(wrong))

    @given(st.text(max_size=30))
    def test_validate_never_crashes(self, value):
        number, error = saudi_id.validate(value)
        self.assertIsInstance(number, str)
        self.assertIn(error, (None, "empty", "not_digits", "length", "prefix", "checksum"))
        if error is None:
            self.assertRegex(number, r"^[12]\d{9}$")


# digits of every script a user may paste: ASCII, Arabic-Indic, Eastern Arabic-Indic
# (Persian keyboards), full-width; and look-alikes that are not decimal digits
DIGIT_SCRIPTS = ("0123456789", "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹", "０１２３４５６７８９")
INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\u2060", "\ufeff", " ", "-")


class TestSaudiIdHostileInput(unittest.TestCase):
    def test_digit_look_alikes_are_refused_not_crashing(self):
        for value in ("1000000²08", "①000000008", "1000000008¹", "１０００⁰００００８"):
            with self.subTest(value=value):
                self.assertEqual(saudi_id.validate(value)[1], "not_digits")
                self.assertIsNone(saudi_id.id_type(value))

    @given(
        prefix=st.sampled_from("12"),
        body=st.text(alphabet="0123456789", min_size=8, max_size=8),
        scripts=st.lists(st.sampled_from(DIGIT_SCRIPTS), min_size=10, max_size=10),
        noise=st.lists(st.tuples(st.integers(0, 10), st.sampled_from(INVISIBLE)), max_size=4),
    )
    def test_mixed_scripts_and_invisible_marks_read_the_same(self, prefix, body, scripts, noise):
        number = prefix + body + saudi_id.check_digit(prefix + body)
        typed = [script[int(digit)] for digit, script in zip(number, scripts, strict=True)]
        for position, mark in sorted(noise, reverse=True):
            typed.insert(position, mark)
        typed = "".join(typed)
        self.assertEqual(saudi_id.validate(typed), (number, None), repr(typed))

    @given(st.text(alphabet=st.characters(categories=["Nd", "No", "Cf", "Zs", "Pd"]), max_size=14))
    def test_validate_never_crashes_on_digit_like_text(self, value):
        number, error = saudi_id.validate(value)
        if error is None:
            self.assertTrue(number.isascii() and len(number) == 10)
        else:
            self.assertIn(error, ("empty", "not_digits", "length", "prefix", "checksum"))
