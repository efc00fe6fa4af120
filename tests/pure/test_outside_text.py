import unittest

import _lib  # noqa: F401  (makes br_lib importable)
from br_lib.outside_text import access_token, file_name, plain_text, record_id
from hypothesis import given, settings
from hypothesis import strategies as st

ARABIC = "طلب سلة غذائية للأسرة"
HARAKAT = "مُحَمَّد"


class TestOutsideText(unittest.TestCase):
    def test_plain_text_keeps_what_people_type(self):
        for text in (ARABIC, HARAKAT, "Line one\nLine two\tend", "می\u200cخواهم", "\u200fA\u200e"):
            self.assertEqual(plain_text(text), text)

    def test_plain_text_drops_what_breaks_storage_or_display(self):
        self.assertEqual(plain_text("ab\x00cd\x07"), "abcd")
        self.assertEqual(plain_text("a\ud800b"), "a\ufffdb")
        self.assertEqual(plain_text("\u202egnp.exe\u202c \u2067x\u2069"), "gnp.exe x")
        for value in (None, 12, 1.5, True, ["a"], {"a": 1}, b"bytes"):
            self.assertEqual(plain_text(value), "", repr(value))

    @given(st.text())
    @settings(max_examples=200, derandomize=True, database=None)
    def test_plain_text_is_always_storable(self, text):
        cleaned = plain_text(text)
        cleaned.encode("utf-8")  # no lone surrogate
        self.assertNotIn("\x00", cleaned)
        self.assertNotIn("\u202e", cleaned)
        self.assertEqual(plain_text(cleaned), cleaned)

    def test_file_names(self):
        self.assertEqual(file_name("scan.png"), "scan.png")
        self.assertEqual(file_name("صورة الهوية.pdf"), "صورة الهوية.pdf")
        self.assertEqual(file_name("../../etc/passwd"), "passwd")
        self.assertEqual(file_name("C:\\Users\\me\\id.png"), "id.png")
        self.assertEqual(file_name("\u202egnp.exe"), "gnp.exe")
        self.assertEqual(file_name("a\x00b\u200b.png"), "ab.png")
        self.assertEqual(file_name("...hidden"), "hidden")
        self.assertEqual(file_name(""), "file")
        self.assertEqual(file_name(None), "file")
        long_name = file_name("x" * 5000 + ".png")
        self.assertEqual(len(long_name), 120)
        self.assertTrue(long_name.endswith(".png"))

    def test_record_ids(self):
        self.assertEqual(record_id("42"), 42)
        self.assertEqual(record_id(" 42 "), 42)
        self.assertEqual(record_id(42), 42)
        for value in ("²", "١٢", "-1", "0", "1.5", "", None, True, "99999999999", 2**31, [], "4 2"):
            self.assertIsNone(record_id(value), repr(value))

    def test_access_tokens(self):
        token = "0b7f4c0e-8f62-4a53-9b7d-3c1e2f6a9d10"
        self.assertEqual(access_token(token), token)
        for value in ("", None, "\u202eabc", "é", "a\x00b", "x" * 200, 12, ["a"]):
            self.assertIsNone(access_token(value), repr(value))


if __name__ == "__main__":
    unittest.main()
