"""The spreadsheet import of beneficiaries (*Import* in the list, Odoo's base_import):
the template's columns, the files and families it creates, and the bad rows, each
reported by its line and reason, with nothing imported while one remains."""

import csv
import io

import openpyxl

from odoo.tests import tagged
from odoo.tools.misc import file_open

from .common import BeneficiaryCase, make_id

HEADINGS = ["Name", "ID Number", "Mobile", "Category", "City", "Head of Family ID Number"]
FIELDS = ["name", "national_id", "mobile", "category_id", "city", "family_head_national_id"]


@tagged("post_install", "-at_install")
class TestBeneficiaryImport(BeneficiaryCase):
    def _wizard(self, content, file_type="text/csv", user=None):
        return (
            self.env["base_import.import"]
            .with_user(user or self.manager)
            .create({"res_model": "beneficiary.beneficiary", "file": content, "file_type": file_type})
        )

    def _csv(self, rows):
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(HEADINGS)
        writer.writerows(rows)
        return out.getvalue().encode()

    def _import(self, rows, dryrun=False, user=None, lang="en_US"):
        options = {"has_headers": True, "separator": ",", "quoting": '"', "encoding": "utf-8"}
        wizard = self._wizard(self._csv(rows), user=user).with_context(lang=lang)
        return wizard.execute_import(FIELDS, HEADINGS, options, dryrun=dryrun)

    def _imported(self, prefix):
        return self.Beneficiary.search([("name", "=like", f"{prefix}%")])

    # ------------------------------------------------------------------ template
    def test_template_columns_are_matched_to_the_fields(self):
        """The templates offered by the list open in the import with every column
        matched, in English and in Arabic."""
        templates = self.Beneficiary.get_import_templates()
        self.assertEqual(len(templates), 2)
        self._activate_arabic()
        for template, lang in zip(templates, ("en_US", "ar_001"), strict=True):
            path = template["template"].replace("/beneficiary_relations/", "beneficiary_relations/", 1)
            # the template as an association fills it: a row under the headings
            with file_open(path, "rb") as template_file:
                book = openpyxl.load_workbook(template_file)
            book.active.append(["Salem", make_id(34000001), "0551230001", "Orphans", "Riyadh", ""])
            stream = io.BytesIO()
            book.save(stream)
            content = stream.getvalue()
            wizard = self._wizard(
                content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            )
            preview = wizard.with_context(lang=lang).parse_preview({"has_headers": True})
            self.assertFalse(preview.get("error"), preview.get("error"))
            self.assertEqual(
                [match[0] for match in preview["matches"].values()],
                FIELDS,
                f"{template['label']}: each column matched to its field",
            )

    # ------------------------------------------------------------------ good rows
    def test_import_creates_files_numbers_and_families(self):
        head, member, other = make_id(30000001), make_id(30000002), make_id(30000003)
        result = self._import(
            [
                ["Imported Salem", head, "0551110001", "Orphans", "Riyadh", ""],
                ["Imported Huda", member, "٠٥٥١١١٠٠٠٢", "Orphans", "Riyadh", head],
                ["Imported Ali", other, "+966551110003", "Widows", "Jeddah", ""],
            ]
        )
        self.assertFalse(result["messages"])
        salem, huda, ali = self.Beneficiary.browse(result["ids"])
        self.assertTrue(all((salem | huda | ali).mapped("reference")), "each file gets its number")
        self.assertEqual(huda.mobile, "+966551110002", "Arabic-Indic digits read and normalised")
        self.assertEqual((ali.category_id, ali.city), (self.category_b, "Jeddah"))
        family = huda.family_id
        self.assertEqual((family.kind, family.family_head_id), ("family", salem), "the head's family file")
        self.assertEqual(family.name, "Family of Imported Salem")
        self.assertEqual(huda.family_head_national_id, head)
        self.assertFalse(ali.family_id)
        # a later import of another member joins the same family
        result = self._import([["Imported Mona", make_id(30000004), "", "Orphans", "", head]])
        self.assertEqual(self.Beneficiary.browse(result["ids"]).family_id, family)

    # ------------------------------------------------------------------ bad rows
    def test_bad_rows_reported_by_line_and_reason_and_nothing_imported(self):
        good = make_id(31000001)
        rows = [
            ["Imported ok", good, "0551230001", "Orphans", "Riyadh", ""],  # line 2
            ["Imported checksum", "1234567890", "0551230002", "Orphans", "", ""],  # line 3
            ["Imported ok 2", make_id(31000003), "0551230003", "Orphans", "", ""],  # line 4
            ["Imported mobile", make_id(31000004), "12345", "Orphans", "", ""],  # line 5
            ["Imported twice", good, "", "Orphans", "", ""],  # line 6
            ["Imported taken", self.beneficiary_a.national_id, "", "Orphans", "", ""],  # line 7
            ["Imported no category", make_id(31000007), "", "", "", ""],  # line 8
            ["Imported orphan", make_id(31000008), "", "Orphans", "", make_id(31999999)],  # line 9
            ["", make_id(31000009), "", "Orphans", "", ""],  # line 10
        ]
        for dryrun in (True, False):
            result = self._import(rows, dryrun=dryrun)
            self.assertFalse(result["ids"], "nothing imported while a row is bad")
            messages = " | ".join(message["message"] for message in result["messages"])
            expected = {
                3: "check digit does not match",
                5: "mobile number 12345 is not valid",
                6: f"ID number {good} is also on line 2",
                7: f"already has the ID number {self.beneficiary_a.national_id}",
                8: "category is missing",
                9: f"ID number {make_id(31999999)} to head the family",
                10: "name is missing",
            }
            for line, reason in expected.items():
                self.assertRegex(messages, rf"Line {line}: [^|]*{reason}", f"line {line} is reported")
            self.assertNotRegex(messages, r"Line [24]:", "the good rows are not reported")
            self.assertFalse(self._imported("Imported"), "nothing half-imported")

    def test_every_bad_row_is_reported(self):
        """Odoo's import stops listing errors after ten; here each bad row has its line."""
        rows = [
            [f"Imported {i}", "1234567890" if i % 2 else make_id(32000000 + i), "", "Orphans", "", ""]
            for i in range(40)
        ]
        result = self._import(rows)
        lines = {message["message"].split(":")[0] for message in result["messages"]}
        self.assertEqual(lines, {f"Line {i + 2}" for i in range(40) if i % 2})
        self.assertFalse(self._imported("Imported"))

    def test_reasons_in_arabic(self):
        self._activate_arabic()
        result = self._import([["Imported bad", "1234567890", "", "Orphans", "", ""]], lang="ar_001")
        self.assertIn("السطر 2", result["messages"][0]["message"])

    def test_officer_imports_in_their_own_categories(self):
        """The import creates files with the user's rights: an officer imports into the
        categories they serve."""
        result = self._import(
            [["Imported by officer", make_id(33000001), "", "Orphans", "", ""]], user=self.officer_a
        )
        self.assertFalse(result["messages"])
        self.assertEqual(self.Beneficiary.browse(result["ids"]).liaison_user_id, self.officer_a)
