"""The beneficiary's health, income and social research notes (fields of the group
"Sensitive Data Reader") stay unreadable for every other role, by every way out: read,
search_read, searching on them, grouping, export, the file summary report and the portal.
(tests/test_beneficiary_security.py covers read and write by an officer and fields_get.)"""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import BeneficiaryCase, BeneficiaryHttpCase

SENSITIVE = ("monthly_income", "health_notes", "social_research_notes")
SECRETS = {"health_notes": "Diabetes-7731", "social_research_notes": "Debt-7731"}
SUMMARY = "beneficiary_relations.report_beneficiary_summary"


@tagged("post_install", "-at_install")
class TestSensitiveFields(BeneficiaryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.beneficiary_a.sudo().write(dict(SECRETS, monthly_income=7731))
        cls.portal_a = cls._make_portal_user(cls.beneficiary_a, "t_sens_portal_a")
        # staff allowed to export at all, so that only the field groups stand in the way
        export = cls.env.ref("base.group_allow_export")
        (cls.officer_a | cls.manager | cls.researcher).groups_id = [Command.link(export.id)]
        # every role but the researcher, each on a file it may otherwise read
        cls.readers = {
            "officer": cls.officer_a,
            "manager": cls.manager,
            "portal beneficiary (own file)": cls.portal_a,
        }

    def test_no_way_out_for_other_roles(self):
        for role, user in self.readers.items():
            record = self.beneficiary_a.with_user(user)
            Model = self.Beneficiary.with_user(user)
            record.read(["name"])  # the file itself is readable
            for field in SENSITIVE:
                ways = {
                    "read": (record.read, [field]),
                    "search_read": (Model.search_read, [("id", "=", record.id)], [field]),
                    "search on it": (Model.search, [(field, "!=", False)]),
                    "order by it": (Model.search, [], 0, None, field),
                    "group by it": (Model.read_group, [], [field], [field]),
                    "export": (record.export_data, [field]),
                    "web_read": (record.web_read, {field: {}}),
                }
                for way, (method, *args) in ways.items():
                    # portal users may not export anything (a UserError, which AccessError
                    # extends), staff not these fields
                    refusal = UserError if user.share and way == "export" else AccessError
                    with self.subTest(role=role, field=field, way=way), self.assertRaises(refusal):
                        method(*args)

    def test_summary_report_leaves_them_out(self):
        for role, user in dict(self.readers, officer=self.officer_a).items():
            if role.startswith("portal"):
                continue
            with self.subTest(role=role):
                html = (
                    self.env["ir.actions.report"]
                    .with_user(user)
                    ._render_qweb_html(SUMMARY, self.beneficiary_a.ids)[0]
                    .decode()
                )
                self.assertIn(self.beneficiary_a.name, html)
                for secret in SECRETS.values():
                    self.assertNotIn(secret, html)
                self.assertNotIn("7,731", html)
        html = (
            self.env["ir.actions.report"]
            .with_user(self.researcher)
            ._render_qweb_html(SUMMARY, self.beneficiary_a.ids)[0]
            .decode()
        )
        for secret in SECRETS.values():
            self.assertIn(secret, html, "the sensitive data reader sees them")

    def test_researcher_reads_them(self):
        values = self.beneficiary_a.with_user(self.researcher).read(list(SENSITIVE))[0]
        self.assertEqual(values["health_notes"], SECRETS["health_notes"])
        self.assertEqual(values["monthly_income"], 7731)
        exported = self.beneficiary_a.with_user(self.researcher).export_data(["health_notes"])["datas"]
        self.assertEqual(exported, [[SECRETS["health_notes"]]])


@tagged("post_install", "-at_install")
class TestSensitiveFieldsPortal(BeneficiaryHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.beneficiary_a.sudo().write(dict(SECRETS, monthly_income=7731, state="active"))
        cls.beneficiary_b.write({"state": "active"})
        cls._make_portal_user(cls.beneficiary_b, "t_sens_portal_b")

    @mute_logger("odoo.http")
    def test_portal_pages_never_show_another_file_s_sensitive_data(self):
        self.authenticate("t_sens_portal_b", "t_sens_portal_b")
        for url in ("/my", "/my/beneficiary", "/my/beneficiary/export", "/my/requests", "/my/complaints"):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 200)
                for secret in SECRETS.values():
                    self.assertNotIn(secret, response.text)
