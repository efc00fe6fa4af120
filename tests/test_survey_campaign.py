from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import BeneficiaryCase, make_id


@tagged("post_install", "-at_install")
class TestSurveyCampaign(BeneficiaryCase):
    """A satisfaction survey sent to the active beneficiaries of a category: invited,
    responded, response rate and average score."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env["survey.survey"].create(
            {
                "title": "Satisfaction Survey",
                "access_mode": "token",
                "scoring_type": "scoring_without_answers",
                "question_and_page_ids": [
                    (
                        0,
                        0,
                        {
                            "title": "Were you served on time?",
                            "question_type": "simple_choice",
                            "suggested_answer_ids": [
                                (0, 0, {"value": "Yes", "is_correct": True, "answer_score": 10}),
                                (0, 0, {"value": "No", "answer_score": 0}),
                            ],
                        },
                    ),
                    (0, 0, {"title": "Overall", "question_type": "scale", "scale_min": 1, "scale_max": 5}),
                ],
            }
        )
        cls.q_time, cls.q_overall = cls.survey.question_ids
        cls.yes, cls.no = cls.q_time.suggested_answer_ids
        others = cls.Beneficiary.create(
            [
                {
                    "name": f"Orphan {n}",
                    "national_id": make_id(10000010 + n),
                    "category_id": cls.category_a.id,
                }
                for n in range(4)
            ]
        )
        cls.orphans = others
        cls.draft_file = others[3]
        (cls.beneficiary_a | cls.beneficiary_b | others[:3]).action_activate()
        cls.campaign = cls.env["beneficiary.survey.campaign"].create(
            {
                "name": "First half 1447",
                "survey_id": cls.survey.id,
                "category_ids": [(6, 0, cls.category_a.ids)],
            }
        )

    def _answer(self, beneficiary, on_time, overall):
        answer = self.campaign.user_input_ids.filtered(lambda a: a.partner_id == beneficiary.partner_id)
        answer._save_lines(self.q_time, (self.yes if on_time else self.no).id)
        answer._save_lines(self.q_overall, str(overall))
        answer._mark_done()

    def test_invitations_and_response_rate(self):
        self.campaign.with_user(self.manager).action_invite()
        invited = self.campaign.user_input_ids
        self.assertEqual(self.campaign.state, "running")
        self.assertEqual(
            set(invited.partner_id.ids),
            set((self.beneficiary_a | self.orphans[:3]).partner_id.ids),
            "the active files of the category, not the draft one nor other categories",
        )
        self.assertEqual(self.campaign.invited_count, 4)
        self.assertTrue(all(invited.mapped("access_token")), "each has a personal link")
        self.assertEqual(self.campaign.responded_count, 0)
        self._answer(self.beneficiary_a, True, 5)
        self.assertEqual(self.campaign.responded_count, 1)
        self.assertAlmostEqual(self.campaign.response_rate, 25.0)
        self.assertAlmostEqual(self.campaign.average_score, 100.0)
        self._answer(self.orphans[0], False, 3)
        self.assertAlmostEqual(self.campaign.response_rate, 50.0)
        self.assertAlmostEqual(self.campaign.average_score, 50.0)
        self.assertAlmostEqual(self.campaign.satisfaction, 75.0, msg="(100 + 50) / 2 on a 1-5 scale")
        with self.assertRaisesRegex(UserError, "already been invited"):
            self.campaign.with_user(self.manager).action_invite()
        self.draft_file.action_activate()
        self.campaign.with_user(self.manager).action_invite()
        self.assertEqual(self.campaign.invited_count, 5, "only the newly active file is invited")

    def test_access(self):
        with self.assertRaises(AccessError):
            self.campaign.with_user(self.officer_a).write({"name": "Changed"})
        self.assertEqual(self.campaign.with_user(self.officer_a).name, "First half 1447")
        self.assertFalse(
            self.env["beneficiary.survey.campaign"].with_user(self.officer_b).search([]),
            "another category's campaign is not shown",
        )
        other = self.env["res.company"].create({"name": "Other association"})
        self.manager.company_ids |= other
        other_campaign = (
            self.env["beneficiary.survey.campaign"]
            .with_company(other)
            .create({"name": "Elsewhere", "survey_id": self.survey.id, "company_id": other.id})
        )
        self.assertNotIn(
            other_campaign,
            self.env["beneficiary.survey.campaign"].with_user(self.manager).search([]),
            "another association's campaign is not shown",
        )
