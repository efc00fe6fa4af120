"""The Arabic of the module says one thing with one term, and one term for one thing.

- Two msgids of different meanings must not share a translation: «ضمن المدة» for both a
  deadline met and a deadline still running, «الفئة» for a beneficiary category and a
  complaint category, «العنوان» for an address and a heading... hide a difference the
  staff rely on. Msgids that differ only by case, by a leading "the" or by a trailing
  colon are one msgid; true synonyms are listed below, each with its reason.
- The policies' terms are used, not their near-synonyms (docs/GLOSSARY.md).
- Beneficiaries are addressed in the respectful plural on the portal and in e-mails.
"""

import re
import unittest
from collections import defaultdict
from pathlib import Path

import polib

AR_PO = Path(__file__).resolve().parents[2] / "i18n" / "ar.po"

# Msgids that may share one Arabic translation because they mean the same thing here.
SYNONYMS = [
    # the company of every record is the association
    {"Company", "Association"},
    # core partner fields and the module's forms name the same thing
    {"E-mail", "Email"},
    {"Postal code", "Zip"},
    # a note of a line, the notes of a record
    {"Note", "Notes"},
    # the kind of a beneficiary, a committee or a visit, the type of a data request: one
    # word in Arabic, and never two of them on one record
    {"Kind", "Type"},
    # one button verb: a data request is refused, a request or a compensation rejected
    {"Refuse", "Reject"},
    # the chair of a committee, said three ways in three places
    {"Chair", "Chair of the Committee", "Committee Chair"},
    # a policy in force, the consents in force
    {"Current", "In Force"},
    # the day the board approved a policy, the day a manager approved a compensation
    {"Approval Date", "Approved On"},
    # the date a compensation was paid: a field, and a column of the settlement minutes
    {"Date Paid", "Paid On"},
    # the date of a decision: of a committee on a request, of a dispute authority
    {"Decided On", "Decision Date"},
    # the menu and the sheet it opens
    {"Daily Attendance", "Daily Attendance Sheet"},
    # the tab, the model and the summary's heading of the same consent
    {"Consent to Data Processing", "Data Consent", "Data Processing Consent"},
    # the date a beneficiary gave a consent: on the file and on the consent
    {"Consent Given On", "Given On"},
    # the reason of a decision: a field, and the letter's heading
    {"Decision Reason", "Reason for the Decision"},
    # the basis of a compensation: a field, and the minutes' heading
    {"Basis", "Basis of the Compensation"},
    # the deadline in working days: of a record, and the setting it comes from
    {"Deadline (working days)", "Response Deadline (working days)"},
    # an eligibility assessment, named in full or within the eligibility tab
    {"Assessment", "Eligibility Assessment"},
    {"Assessments", "Eligibility Assessments"},
    # the settlement's fields, and the same fields named in the message listing the
    # ones still missing ("who accepted", "when"...)
    {"Accepted By", "who accepted"},
    {"Accepted On", "when"},
    {"Accepted How", "how it was accepted"},
    {"Settlement Terms", "the terms"},
    # a condition not met: an eligibility criterion and an interview's admission condition
    {"Not Fulfilled", "Not Met"},
]

# Terms of the policies (docs/GLOSSARY.md) and the near-synonyms they replace.
REPLACED_TERMS = {
    "الحل الودي": "التسوية الودية",
    "مواقع التواصل الاجتماعي": "وسائل التواصل الاجتماعي",
    "سند التعويض": "مسوّغ التعويض",
    "الهاتف المحمول": "الجوال",
    "بوابة العملاء": "بوابة المستفيدين",
    "بوابة العميل": "بوابة المستفيدين",
    "تمت الموافقة بواسطة": "المعتمِد",
    "أنشئ بواسطة": "المُنشئ",
    "تحديث بواسطة": "آخر مُحدِّث",
}

# Second-person singular words a beneficiary must not read (the respectful plural is used).
SINGULAR_ADDRESS = re.compile(
    r"(?<![\u0621-\u064a])("
    r"طلبك|طلباتك|رسالتك|تسجيلك|تسجيلاتك|شكواك|شكاواك|استفسارك|بياناتك|ملفك|موافقتك|اسمك|حقوقك|"
    r"فواتيرك|بريدك|اتصالك|توقيعك|أسرتك|نفسك|عليك|لك|إليك|منك|تحتاجه|ترغب|تجد|أرسل|اختر|اكتب|صِف|"
    r"اترك|احتفظ|راسلنا|سجّل|تابع|قدّم|ستطّلع|وافقت|يمكنك|نهنئك|عزيزنا|رضاك|أخبرنا"
    r")(?![\u0621-\u064a])"
)
BENEFICIARY_FACING = (
    "portal_",  # portal templates
    "portal_mixin.py",
    # the models whose portal methods tell the beneficiary something (their portal part
    # is in the model's file), and every controller
    "models/beneficiary_beneficiary.py",
    "models/beneficiary_service_request.py",
    "models/beneficiary_request_document.py",
    "models/beneficiary_complaint.py",
    "models/beneficiary_program_registration.py",
    "models/beneficiary_data_request.py",
    "controllers/",
    "mail_template_",
    "policy_public_page",
)
# Staff-facing entries whose references also contain one of the prefixes above.
BENEFICIARY_FACING_EXCEPTIONS = {
    # errors of the workflow buttons, read by the member of staff who pressed them
    "Choose the committee that will study %(request)s (or set one on the service type).",
    "Choose the officer who will explain the procedure first.",
    "Describe how %(complaint)s was resolved before resolving it.",
    "Record the amicable settlement of %(complaint)s first: %(missing)s.",
    "Write in the note why %(document)s is rejected, so the beneficiary can bring the right one.",
    "Write the answer given to the beneficiary before closing %(name)s.",
    "Write the reason for the rejection first.",
    "Choose whether you vote to accept or to reject the request.",
    "Write the reason for your vote to reject the request.",
    "Write what was explained to the beneficiary before recording the answer.",
}


def _normal(msgid):
    text = " ".join(msgid.split()).rstrip(":").strip().lower()
    return text[4:] if text.startswith("the ") else text


def _entries():
    return [entry for entry in polib.pofile(str(AR_PO)) if entry.msgstr and not entry.obsolete]


class TestTranslationTerms(unittest.TestCase):
    longMessage = False

    def test_one_translation_one_meaning(self):
        allowed = [{_normal(msgid) for msgid in group} for group in SYNONYMS]
        by_translation = defaultdict(set)
        for entry in _entries():
            if entry.msgstr == entry.msgid:  # technical strings left as they are
                continue
            by_translation[" ".join(entry.msgstr.split())].add(_normal(entry.msgid))
        clashes = {
            msgstr: sorted(msgids)
            for msgstr, msgids in by_translation.items()
            if len(msgids) > 1 and not any(msgids <= group for group in allowed)
        }
        self.assertFalse(
            clashes,
            "Msgids of different meanings share one Arabic translation; give each its own "
            "term, or list them in SYNONYMS with the reason:\n"
            + "\n".join(f"  «{msgstr}»: {msgids}" for msgstr, msgids in sorted(clashes.items())),
        )

    def test_policy_terms(self):
        found = [
            (entry.msgid, term, better)
            for entry in _entries()
            for term, better in REPLACED_TERMS.items()
            if term in entry.msgstr
        ]
        self.assertFalse(found, "\n".join(f"  {m!r}: «{t}» -> «{b}»" for m, t, b in found))

    def test_respectful_plural_for_beneficiaries(self):
        found = []
        for entry in _entries():
            where = " ".join(occurrence for occurrence, _line in entry.occurrences)
            if not any(prefix in where for prefix in BENEFICIARY_FACING):
                continue
            if entry.msgid in BENEFICIARY_FACING_EXCEPTIONS:
                continue
            match = SINGULAR_ADDRESS.search(entry.msgstr)
            if match:
                found.append((entry.msgid, match.group(0)))
        self.assertFalse(
            found,
            "Beneficiaries are addressed in the plural (طلبكم، يُرجى...):\n"
            + "\n".join(f"  {msgid!r}: «{word}»" for msgid, word in found),
        )

    def test_arabic_mail_bodies_are_right_to_left_and_respectful(self):
        bodies = [
            entry
            for entry in _entries()
            if any("mail.template,body_html" in occurrence for occurrence, _line in entry.occurrences)
        ]
        self.assertTrue(bodies, "the module's e-mail templates are translated")
        for entry in bodies:
            with self.subTest(template=entry.occurrences[0][0]):
                self.assertTrue(entry.msgstr.lstrip().startswith('<div dir="rtl">'), entry.msgstr[:80])
                # the form of address of the association's letters (readme: DEVELOPERS.md)
                self.assertIn("حفظه/ها الله", entry.msgstr)
                self.assertIn("وتقبلوا خالص التحية والتقدير", entry.msgstr)


if __name__ == "__main__":
    unittest.main()
