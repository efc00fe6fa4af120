from odoo.tests import HttpCase, TransactionCase, new_test_user

from ..lib import saudi_id


def make_id(body, prefix="1"):
    """A valid Saudi ID (prefix 1) or Iqama (prefix 2) from an 8-digit body."""
    first_nine = f"{prefix}{body:08d}"
    return first_nine + saudi_id.check_digit(first_nine)


class BeneficiaryFixtures:
    """Fixtures shared by the module's tests: a Saudi association (company in riyals,
    Saudi Arabia), two categories with their officers, one user per role, and a few
    beneficiaries."""

    # run in a company of its own, as a Saudi association would (set False when another
    # test base, such as the accounting one, already provides the company)
    _beneficiary_test_company = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_beneficiary_fixtures()

    @classmethod
    def _setup_beneficiary_fixtures(cls):
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        if cls._beneficiary_test_company:
            sar = cls.env.ref("base.SAR")
            sar.active = True
            company = cls.env["res.company"].create(
                {
                    "name": "جمعية الاختبار الخيرية",
                    "currency_id": sar.id,
                    "country_id": cls.env.ref("base.sa").id,
                }
            )
            cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=company.ids))
        cls.company = cls.env.company
        cls.Beneficiary = cls.env["beneficiary.beneficiary"]
        cls.category_a = cls.env["beneficiary.category"].create({"name": "Orphans", "code": "T-A"})
        cls.category_b = cls.env["beneficiary.category"].create({"name": "Widows", "code": "T-B"})
        cls.domain_edu = cls.env["beneficiary.domain"].create({"name": "Educational", "code": "T-EDU"})
        cls.domain_social = cls.env["beneficiary.domain"].create({"name": "Social", "code": "T-SOC"})
        g = "beneficiary_relations.group_"
        cls.officer_a = new_test_user(cls.env, "t_officer_a", groups=f"base.group_user,{g}liaison_officer")
        cls.officer_b = new_test_user(cls.env, "t_officer_b", groups=f"base.group_user,{g}liaison_officer")
        cls.committee_user = new_test_user(
            cls.env, "t_committee", groups=f"base.group_user,{g}committee_member"
        )
        cls.accountant = new_test_user(
            cls.env, "t_accountant", groups=f"base.group_user,{g}compensation_accountant"
        )
        cls.manager = new_test_user(cls.env, "t_manager", groups=f"base.group_user,{g}manager")
        cls.researcher = new_test_user(
            cls.env, "t_researcher", groups=f"base.group_user,{g}liaison_officer,{g}sensitive_data"
        )
        cls.internal_user = new_test_user(cls.env, "t_internal", groups="base.group_user")
        cls.env["beneficiary.liaison"].create(
            [
                {"category_id": cls.category_a.id, "user_id": cls.officer_a.id},
                {"category_id": cls.category_b.id, "user_id": cls.officer_b.id},
                {
                    "category_id": cls.category_a.id,
                    "user_id": cls.researcher.id,
                    "domain_id": cls.domain_edu.id,
                },
            ]
        )
        cls.beneficiary_a = cls.Beneficiary.create(
            {
                "name": "Fahad Al-Dosari",
                "national_id": make_id(10000001),
                "category_id": cls.category_a.id,
                "mobile": "0551234567",
                "email": "fahad@example.com",
            }
        )
        cls.beneficiary_b = cls.Beneficiary.create(
            {
                "name": "Noura Al-Otaibi",
                "national_id": make_id(10000002),
                "category_id": cls.category_b.id,
                "mobile": "0561234567",
                "email": "noura@example.com",
            }
        )

    @classmethod
    def _activate_arabic(cls):
        """Arabic active with the module's translations loaded, as on an association's server."""
        cls.env["res.lang"]._activate_lang("ar_001")
        cls.env["ir.module.module"]._load_module_terms(["beneficiary_relations"], ["ar_001"], overwrite=True)

    def _withdrawn_work(self, beneficiary, title="لوحة اليوم الوطني"):
        """A work of ``beneficiary`` published on their consent, then withdrawn: the record
        the message of a withdrawal is written for."""
        self.env["beneficiary.consent"].create(
            {
                "beneficiary_id": beneficiary.id,
                "purpose_id": self.env.ref("beneficiary_relations.consent_purpose_intellectual_property").id,
                "date": "2026-01-01 08:00:00",
            }
        )
        work = self.env["beneficiary.published.work"].create(
            {"name": title, "beneficiary_id": beneficiary.id, "date_published": "2026-02-01"}
        )
        work.action_publish()
        work.action_mark_withdrawn()
        return work

    @classmethod
    def _make_portal_user(cls, beneficiary, login):
        return new_test_user(
            cls.env,
            login,
            groups="base.group_portal",
            partner_id=beneficiary.partner_id.id,
            name=beneficiary.name,
            email=beneficiary.email or f"{login}@example.com",
        )


class BeneficiaryCase(BeneficiaryFixtures, TransactionCase):
    pass


class BeneficiaryHttpCase(BeneficiaryFixtures, HttpCase):
    pass
