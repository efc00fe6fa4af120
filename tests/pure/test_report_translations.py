import re
import unittest
from pathlib import Path

import polib

AR_PO = Path(__file__).resolve().parents[2] / "i18n" / "ar.po"
# An Arabic word glued to a colon ("وبعد:", "الرقم:") in one text run makes wkhtmltopdf
# push the line past the page's right edge, cutting its first letters. Reports write
# "<span>الرقم</span>:" instead (see static/src/scss/report.scss).
ARABIC_WORD_COLON = re.compile(r"[\u0621-\u064a\u064b-\u065f]:")


class TestReportTranslations(unittest.TestCase):
    def test_no_arabic_word_glued_to_a_colon_in_reports(self):
        po = polib.pofile(str(AR_PO))
        report_entries = [
            entry
            for entry in po
            if any("arch_db:beneficiary_relations.report_" in where for where, _line in entry.occurrences)
        ]
        self.assertTrue(report_entries, "the report templates have translated terms")
        for entry in report_entries:
            with self.subTest(msgid=entry.msgid):
                self.assertTrue(entry.msgstr, "translated")
                self.assertIsNone(ARABIC_WORD_COLON.search(entry.msgstr), entry.msgstr)


if __name__ == "__main__":
    unittest.main()
