import unittest

import _lib  # noqa: F401  (makes br_lib importable)
from br_lib.rtl_words import split_token, wrap_words_html
from lxml import html


def words_of(document):
    root = html.fromstring(document)
    return [span.text for span in root.xpath('//span[@class="o_br_word"]')]


class TestRtlWords(unittest.TestCase):
    def test_punctuation_stays_outside_the_word(self):
        self.assertEqual(split_token("وبعد،"), ("", "وبعد", "،"))
        self.assertEqual(split_token("(تُحتسب"), ("(", "تُحتسب", ""))
        self.assertEqual(split_token("دراستها."), ("", "دراستها", "."))
        self.assertEqual(split_token("يُرضِكم"), ("", "يُرضِكم", ""), "harakat belong to the word")
        self.assertEqual(split_token("..."), ("...", "", ""))

    def test_each_arabic_word_in_its_span_text_unchanged(self):
        document = (
            '<html><body><div class="o_br_report" dir="rtl">'
            "<p>السلام عليكم ورحمة الله وبركاته، وبعد</p>"
            '<div><span>الرقم</span>: <span dir="ltr" class="o_force_ltr">REQ/2025/0001</span> (مستلم).</div>'
            "</div></body></html>"
        )
        result = wrap_words_html(document).decode()
        self.assertEqual(
            words_of(result), ["السلام", "عليكم", "ورحمة", "الله", "وبركاته", "وبعد", "الرقم", "مستلم"]
        )
        self.assertIn('<span class="o_br_word">وبركاته</span>، <span class="o_br_word">وبعد</span>', result)
        self.assertIn('<span class="o_br_word">مستلم</span>).', result)
        self.assertEqual(
            html.fromstring(result).text_content(), html.fromstring(document).text_content(), "same text"
        )

    def test_left_to_right_parts_and_scripts_left_alone(self):
        document = (
            '<html><body><div dir="ltr"><p>Dear Noura, كلمة</p></div>'
            '<div class="page" dir="rtl"><span class="o_force_ltr">رقم 15</span><script>var a = "كلمة";</script>'
            "<p>نص</p></div></body></html>"
        )
        result = wrap_words_html(document).decode()
        self.assertEqual(words_of(result), ["نص"])
        self.assertIn('var a = "كلمة";', result)

    def test_only_the_selected_pages(self):
        document = '<html><body dir="rtl"><header>شعار الجمعية</header><div class="o_br_report">نص التقرير</div></body></html>'
        result = wrap_words_html(document, '//*[@class="o_br_report"]').decode()
        self.assertEqual(words_of(result), ["نص", "التقرير"])


if __name__ == "__main__":
    unittest.main()
