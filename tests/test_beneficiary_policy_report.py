import html
import re
import subprocess
import unicodedata
from collections import defaultdict

from odoo.tests import tagged

from .common import BeneficiaryHttpCase
from .policy_samples import POLICIES, TEXT_FIELDS

_INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\u0640\\s]")
# wkhtmltopdf draws lam-alef as one glyph that pdftotext often cannot map back to letters:
# lam and alef are left out of every comparison
_LAM_ALEF = re.compile("[لاأإآ]")
# right-to-left text draws brackets mirrored
_NO_BRACKETS = str.maketrans("", "", "()[]")
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>|<page ')


def normalise(text):
    """Text comparable across wkhtmltopdf and pdftotext: presentation forms folded (NFKC),
    bidi and zero-width marks, tatweel, spacing, brackets, lam and alef removed."""
    text = unicodedata.normalize("NFKC", html.unescape(text))
    return _LAM_ALEF.sub("", _INVISIBLE.sub("", text)).translate(_NO_BRACKETS)


def pdf_lines(pdf):
    """The PDF's lines as drawn, each a normalised string of its glyphs from left to right
    (pdftotext -bbox, from poppler-utils): Arabic reads reversed, digits in order."""
    xhtml = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout
    lines, page = defaultdict(list), 0
    for match in _WORD.finditer(xhtml.decode()):
        if not match.group(1):
            page += 1
            continue
        x, y, text = float(match.group(1)), float(match.group(2)), match.group(3)
        lines[page, round(y)].append((x, text))
    return [normalise("".join(text for _x, text in sorted(words))) for _key, words in sorted(lines.items())]


def contains(lines, expected):
    """Whether ``expected`` is drawn on one line (Arabic right to left, Latin and digits
    left to right)."""
    expected = normalise(expected)
    return any(expected in line or expected[::-1] in line for line in lines)


def has_line(lines, expected):
    """Whether one line is exactly ``expected`` (a list item: its number is ignored)."""
    expected = normalise(expected)
    bare = {re.sub(r"[\d.\-]", "", line) for line in lines}
    return expected in bare or expected[::-1] in bare


@tagged("post_install", "-at_install")
class TestBeneficiaryPolicyReport(BeneficiaryHttpCase):
    """The five associations' policies entered as data, each printed to a real PDF."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._activate_arabic()

    def _enter_policy(self, key):
        sample = POLICIES[key]
        company = self.env["res.company"].create(
            {"name": sample["company"], "beneficiary_sla_days": sample["sla_days"]}
        )
        channels = self.env["beneficiary.channel"]
        for xmlid in sample["channels"]:
            channels |= self.env.ref(f"beneficiary_relations.{xmlid}")
        for index, name in enumerate(sample["new_channels"]):
            channels |= self.env["beneficiary.channel"].create(
                {"name": name, "code": f"{key}_{index}", "sequence": 50}
            )
        vals = {
            "company_id": company.id,
            "name": sample["name"],
            "channel_ids": [(6, 0, channels.ids)],
            "board_session": sample["board_session"],
            "approval_date": sample["approval_date"],
            "board_chair": sample["board_chair"],
            "section_ids": [
                (0, 0, {"name": name, "body": body, "sequence": sequence})
                for sequence, (name, body) in enumerate(sample.get("sections", []))
            ],
        }
        vals.update({name: sample[name] for name in TEXT_FIELDS if name in sample})
        policy = self.env["beneficiary.policy"].with_company(company).create(vals)
        policy.action_approve()
        return policy, channels

    def _render_pdf(self, policy):
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True, lang="ar_001")
            ._render_qweb_pdf("beneficiary_relations.beneficiary_policy_report", policy.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        return pdf_lines(pdf)

    def test_each_association_prints_its_channels_deadline_and_approval(self):
        for key, sample in POLICIES.items():
            with self.subTest(association=key):
                policy, channels = self._enter_policy(key)
                self.assertEqual(policy.response_days, sample["sla_days"])
                lines = self._render_pdf(policy)
                for channel in channels.with_context(lang="ar_001"):
                    self.assertTrue(has_line(lines, channel.name), f"channel {channel.name} missing: {lines}")
                deadline = [line for line in lines if contains([line], "يوم عمل")]
                self.assertTrue(deadline, f"the response deadline is printed: {lines}")
                self.assertIn(str(sample["sla_days"]), deadline[0], "with the number of days of the settings")
                gregorian = "/".join(reversed(sample["approval_date"].split("-")))
                self.assertTrue(
                    any(sample["hijri"] in line and gregorian in line for line in lines),
                    "the approval date, Gregorian and Hijri",
                )
                if sample["board_chair"]:
                    self.assertTrue(contains(lines, sample["board_chair"]))
                self.assertTrue(contains(lines, sample["company"]))

    def test_printed_policy_follows_the_configuration(self):
        policy, channels = self._enter_policy("samtah")
        volunteering = self.env.ref("beneficiary_relations.channel_volunteering")
        fax = self.env.ref("beneficiary_relations.channel_fax")
        self.assertEqual(channels & (volunteering | fax), volunteering | fax)
        volunteering.active = False
        policy.company_id.beneficiary_sla_days = 12
        lines = self._render_pdf(policy)
        self.assertTrue(has_line(lines, fax.with_context(lang="ar_001").name))
        self.assertFalse(
            has_line(lines, volunteering.with_context(lang="ar_001").name),
            "an archived channel is not printed",
        )
        deadline = [line for line in lines if contains([line], "يوم عمل")]
        self.assertIn("12", deadline[0])
        self.assertNotIn("15", deadline[0])
