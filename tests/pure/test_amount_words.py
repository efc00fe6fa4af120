import unittest
from decimal import Decimal

import _lib  # noqa: F401  (makes br_lib importable)
from br_lib.amount_words import amount_in_words, frame_only, split_amount
from hypothesis import given
from hypothesis import strategies as st
from num2words import num2words

# An independent reader of the Arabic the helper writes: numbers back from words, so
# every amount of the hypothesis properties is checked whole, not only its shape.
_SMALL = {
    # masculine (riyals) and feminine (halalas) units; teens add "عشر"/"عشرة" (10)
    "واحد": 1,
    "واحدة": 1,
    "أحد": 1,
    "إحدى": 1,
    "اثنان": 2,
    "اثنا": 2,
    "اثنتان": 2,
    "اثنتا": 2,
    "ثلاثة": 3,
    "ثلاث": 3,
    "أربعة": 4,
    "أربع": 4,
    "خمسة": 5,
    "خمس": 5,
    "ستة": 6,
    "ست": 6,
    "سبعة": 7,
    "سبع": 7,
    "ثمانية": 8,
    "ثماني": 8,
    "ثمان": 8,
    "تسعة": 9,
    "تسع": 9,
    "عشرة": 10,
    "عشر": 10,
    "عشرون": 20,
    "ثلاثون": 30,
    "أربعون": 40,
    "خمسون": 50,
    "ستون": 60,
    "سبعون": 70,
    "ثمانون": 80,
    "تسعون": 90,
    "مائة": 100,
    "مئتا": 200,
    "مئتان": 200,
    "ثلاثمائة": 300,
    "أربعمائة": 400,
    "خمسمائة": 500,
    "ستمائة": 600,
    "سبعمائة": 700,
    "ثمانمائة": 800,
    "تسعمائة": 900,
}
_SCALE_WORDS = {
    1000: ("ألف", "ألفاً", "آلاف", "ألفان", "ألفا"),
    10**6: ("مليون", "مليوناً", "ملايين", "مليونان", "مليونا"),
    10**9: ("مليار", "ملياراً", "مليارات", "ملياران", "مليارا"),
    10**12: ("تريليون", "تريليوناً", "تريليونات", "تريليونان", "تريليونا"),
}
_SCALES = {word: value for value, words in _SCALE_WORDS.items() for word in words[:3]}
_DUALS = {word: 2 * value for value, words in _SCALE_WORDS.items() for word in words[3:]}
_RIYAL = {"ريال", "ريالات", "ريالاً"}
_HALALA = {"هللة", "هللات"}
_VOCABULARY = set(_SMALL) | set(_SCALES) | set(_DUALS) | _RIYAL | _HALALA | {"ريالان", "هللتان", "صفر"}


def parse_arabic(text):
    """``(riyals, halalas)`` read back from the words, or AssertionError."""
    text = text.removeprefix("فقط ").removesuffix(" لا غير")
    text = text.replace("ريال واحد", "واحد ريال").replace("هللة واحدة", "واحدة هللة")
    riyals = halalas = None
    total = group = 0
    for token in text.split():
        word = token
        if word not in _VOCABULARY:
            assert word.startswith("و") and word[1:] in _VOCABULARY, f"unknown word {token!r} in {text!r}"
            word = word[1:]
        if word in _SMALL:
            group += _SMALL[word]
        elif word in _SCALES:
            total += (group or 1) * _SCALES[word]
            group = 0
        elif word in _DUALS:
            assert not group, text
            total += _DUALS[word]
        elif word in _RIYAL or word == "ريالان":
            assert riyals is None and halalas is None, text
            riyals = 2 if word == "ريالان" else total + group
            total = group = 0
        elif word in _HALALA or word == "هللتان":
            assert halalas is None, text
            halalas = 2 if word == "هللتان" else total + group
            total = group = 0
    assert not total and not group, f"number without its noun in {text!r}"
    return riyals or 0, halalas or 0


class TestAmountWordsArabic(unittest.TestCase):
    def assertWords(self, cases, **kwargs):
        for amount, expected in cases:
            with self.subTest(amount=amount):
                self.assertEqual(amount_in_words(amount, **kwargs), expected)

    def test_one_two_and_the_counted_noun(self):
        self.assertWords(
            [
                (1, "ريال واحد"),
                (2, "ريالان"),
                (3, "ثلاثة ريالات"),
                (8, "ثمانية ريالات"),
                (10, "عشرة ريالات"),
                (11, "أحد عشر ريالاً"),
                (12, "اثنا عشر ريالاً"),
                (19, "تسعة عشر ريالاً"),
                (20, "عشرون ريالاً"),
                (21, "واحد وعشرون ريالاً"),
                (99, "تسعة وتسعون ريالاً"),
            ]
        )

    def test_hundreds_follow_the_last_part_of_the_number(self):
        self.assertWords(
            [
                (100, "مائة ريال"),
                (101, "مائة وواحد ريال"),
                (102, "مائة واثنان ريال"),
                (105, "مائة وخمسة ريالات"),
                (110, "مائة وعشرة ريالات"),
                (111, "مائة وأحد عشر ريالاً"),
                (200, "مئتا ريال"),
                (201, "مئتان وواحد ريال"),
                (250, "مئتان وخمسون ريالاً"),
                (300, "ثلاثمائة ريال"),
                (999, "تسعمائة وتسعة وتسعون ريالاً"),
            ]
        )

    def test_thousands_and_millions(self):
        self.assertWords(
            [
                (1000, "ألف ريال"),
                (1001, "ألف وواحد ريال"),
                (1003, "ألف وثلاثة ريالات"),
                (1200, "ألف ومئتا ريال"),
                (2000, "ألفا ريال"),
                (2500, "ألفان وخمسمائة ريال"),
                (3000, "ثلاثة آلاف ريال"),
                (10000, "عشرة آلاف ريال"),
                (11000, "أحد عشر ألف ريال"),
                (11500, "أحد عشر ألفاً وخمسمائة ريال"),
                (100000, "مائة ألف ريال"),
                # num2words 0.5.14 writes "مائة و ألف ألف" and "مائة و عشرة ألف"
                (101000, "مائة وواحد ألف ريال"),
                (110000, "مائة وعشرة آلاف ريال"),
                (111001, "مائة وأحد عشر ألفاً وواحد ريال"),
                (200000, "مئتا ألف ريال"),
                (201000, "مئتان وواحد ألف ريال"),
                (1000000, "مليون ريال"),
                (2000000, "مليونا ريال"),
                (2000500, "مليونان وخمسمائة ريال"),
                (3000000, "ثلاثة ملايين ريال"),
                (11000000, "أحد عشر مليون ريال"),
                (1000000000, "مليار ريال"),
                (5000000000, "خمسة مليارات ريال"),
            ]
        )

    def test_halalas(self):
        self.assertWords(
            [
                (0.01, "هللة واحدة"),
                (0.02, "هللتان"),
                (0.03, "ثلاث هللات"),
                (0.08, "ثماني هللات"),
                (0.1, "عشر هللات"),
                (0.11, "إحدى عشرة هللة"),
                (0.12, "اثنتا عشرة هللة"),
                (0.18, "ثماني عشرة هللة"),
                (0.21, "إحدى وعشرون هللة"),
                (0.22, "اثنتان وعشرون هللة"),
                (0.28, "ثمان وعشرون هللة"),
                (0.5, "خمسون هللة"),
                (0.99, "تسع وتسعون هللة"),
                (1.01, "ريال واحد وهللة واحدة"),
                (2.02, "ريالان وهللتان"),
                (1250.5, "ألف ومئتان وخمسون ريالاً وخمسون هللة"),
                (15000.75, "خمسة عشر ألف ريال وخمس وسبعون هللة"),
            ]
        )

    def test_zero_and_zero_halalas(self):
        self.assertEqual(amount_in_words(0), "صفر ريال")
        self.assertEqual(amount_in_words("500.00"), "خمسمائة ريال")
        self.assertEqual(amount_in_words(Decimal("500.004")), "خمسمائة ريال")
        self.assertEqual(amount_in_words(500.005), "خمسمائة ريال وهللة واحدة")  # half up
        self.assertEqual(amount_in_words(0.1 + 0.2), "ثلاثون هللة")

    def test_only_frame_of_cheques_and_vouchers(self):
        self.assertEqual(amount_in_words(1250.5, only=True), "فقط ألف ومئتان وخمسون ريالاً وخمسون هللة لا غير")
        self.assertEqual(amount_in_words(1, lang="ar_001", only=True), "فقط ريال واحد لا غير")
        self.assertEqual(frame_only("مائة دولار", "ar_SA"), "فقط مائة دولار لا غير")
        self.assertEqual(frame_only("One hundred dollars", "en_US"), "One hundred dollars only")
        self.assertEqual(frame_only("", "ar"), "")

    def test_largest_amount(self):
        text = amount_in_words(Decimal("999999999999999.99"))
        self.assertEqual(parse_arabic(text), (999999999999999, 99))
        self.assertTrue(text.startswith("تسعمائة وتسعة وتسعون تريليوناً"), text)

    def test_invalid_amounts(self):
        for amount in (
            -1,
            -0.01,
            "abc",
            None,
            10**15,
            10**40,
            "999999999999999.995",
            float("nan"),
            float("inf"),
        ):
            with self.subTest(amount=amount), self.assertRaises(ValueError):
                amount_in_words(amount)

    def test_split_amount(self):
        self.assertEqual(split_amount(1250.5), (1250, 50))
        self.assertEqual(split_amount("0.995"), (1, 0))
        self.assertEqual(split_amount(7), (7, 0))

    @given(st.integers(min_value=0, max_value=10**11))
    def test_any_amount_up_to_a_billion_reads_back(self, cents):
        amount = Decimal(cents) / 100
        text = amount_in_words(amount)
        self.assertEqual(parse_arabic(text), divmod(cents, 100), text)
        self.assertEqual(text, " ".join(text.split()), "no double or stray spaces")
        self.assertNotIn(" و ", text, "the conjunction is attached to the next word")
        self.assertIn(text.split()[0], _VOCABULARY, "no dangling conjunction first")
        self.assertEqual(amount_in_words(amount, only=True), f"فقط {text} لا غير")

    @given(st.integers(min_value=1, max_value=10**9), st.integers(min_value=0, max_value=99))
    def test_halala_part(self, riyals, halalas):
        text = amount_in_words(Decimal(riyals) + Decimal(halalas) / 100)
        if not halalas:
            self.assertEqual(text, amount_in_words(riyals))
            self.assertNotIn("هلل", text)
            return
        self.assertEqual(text, f"{amount_in_words(riyals)} و{amount_in_words(Decimal(halalas) / 100)}")
        expected_noun = {1: "هللة واحدة", 2: "هللتان"}.get(halalas) or ("هللات" if halalas <= 10 else "هللة")
        self.assertTrue(text.endswith(expected_noun), text)

    @given(st.integers(min_value=3, max_value=10**9))
    def test_riyal_noun_follows_the_last_two_digits(self, riyals):
        text = amount_in_words(riyals)
        rest = riyals % 100
        noun = "ريالات" if 3 <= rest <= 10 else "ريالاً" if rest >= 11 else "ريال"
        self.assertEqual(text.rsplit(" ", 1)[1], noun, text)


class TestAmountWordsEnglish(unittest.TestCase):
    def test_examples(self):
        cases = [
            (0, "Zero Saudi riyals"),
            (0.01, "One halala"),
            (0.5, "Fifty halalas"),
            (1, "One Saudi riyal"),
            (1.01, "One Saudi riyal and one halala"),
            (2, "Two Saudi riyals"),
            (21.01, "Twenty-one Saudi riyals and one halala"),
            (1250.5, "One thousand, two hundred and fifty Saudi riyals and fifty halalas"),
            (1000000, "One million Saudi riyals"),
        ]
        for amount, expected in cases:
            with self.subTest(amount=amount):
                self.assertEqual(amount_in_words(amount, lang="en_US"), expected)
        self.assertEqual(amount_in_words(3, lang="en", only=True), "Three Saudi riyals only")

    def test_integers_are_riyals_not_halalas(self):
        # num2words' to_currency reads an int as cents: 1 -> "zero ..., one halalah"
        self.assertEqual(amount_in_words(100, lang="en_US"), "One hundred Saudi riyals")

    @given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
    def test_never_crashes_and_uses_num2words(self, riyals, halalas):
        text = amount_in_words(Decimal(riyals) + Decimal(halalas) / 100, lang="en_US")
        if riyals or not halalas:
            self.assertTrue(text.lower().startswith(num2words(riyals, lang="en")), text)
        if halalas:
            self.assertTrue(text.endswith(("halala", "halalas")), text)
            self.assertIn(num2words(halalas, lang="en"), text.lower())
        else:
            self.assertNotIn("halala", text)


if __name__ == "__main__":
    unittest.main()
