"""Policy 004, «قياس رضا المستفيدين»: the periodic satisfaction questionnaire sent again
every period, and field surveys and supervisory visits measured with scores."""

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import BeneficiaryCase, make_id


@tagged("post_install", "-at_install")
class TestVisitScores(BeneficiaryCase):
    def test_visit_scores_the_questionnaire_of_its_kind(self):
        other_company = self.env["res.company"].create({"name": "Other Association"})
        Criterion = self.env["beneficiary.visit.criterion"]
        ours = Criterion.create(
            {
                "name": "Suggestion box at the reception",
                "kind": "supervisory_visit",
                "company_id": self.company.id,
                "sequence": 20,
            }
        )
        theirs = Criterion.create(
            {"name": "Their own criterion", "kind": "supervisory_visit", "company_id": other_company.id}
        )
        shipped = Criterion.search([("kind", "=", "supervisory_visit"), ("company_id", "=", False)])
        self.assertEqual(len(shipped), 5, "the supervisory visit questionnaire is shipped")
        visit = (
            self.env["beneficiary.visit"]
            .with_user(self.officer_a)
            .create({"kind": "supervisory_visit", "office": "Al-Mubarraz branch office"})
        )
        self.assertEqual(visit.score_ids.criterion_id, shipped | ours)
        self.assertNotIn(theirs, visit.score_ids.criterion_id)
        self.assertIn("Reception and hospitality of beneficiaries", visit.score_ids.mapped("name"))
        with self.assertRaisesRegex(
            UserError, "Score every criterion of .*not scored: Reception and hospitality"
        ):
            visit.action_done()
        for line, score in zip(visit.score_ids.sorted("sequence"), "554321", strict=True):
            line.score = score
        self.assertAlmostEqual(visit.average_score, 20 / 6, places=2)
        visit.action_done()
        self.assertEqual(visit.state, "done")
        # the criteria added later are offered to the visits of that kind
        Criterion.create({"name": "Queue numbers", "kind": "supervisory_visit"})
        planned = self.env["beneficiary.visit"].create({"kind": "supervisory_visit"})
        self.assertIn("Queue numbers", planned.score_ids.mapped("name"))
        visit.action_load_criteria()
        self.assertIn("Queue numbers", visit.score_ids.mapped("name"))
        # a kind without questionnaire records no score, and closes as before
        interview = self.env["beneficiary.visit"].create({"kind": "interview"})
        self.assertFalse(interview.score_ids)
        interview.action_done()
        self.assertEqual(interview.average_score, 0.0)

    def test_field_surveys_are_measured_over_time(self):
        Visit = self.env["beneficiary.visit"]
        visits = Visit
        for day, scores in (("2026-01-10", "55555"), ("2026-02-10", "33333"), ("2026-04-10", "44444")):
            visit = Visit.create({"kind": "field_survey", "date": day})
            for line, score in zip(visit.score_ids, scores, strict=True):
                line.score = score
            visits |= visit
        groups = Visit._read_group([("id", "in", visits.ids)], ["date:quarter"], ["average_score:avg"])
        self.assertEqual([round(average, 2) for _quarter, average in groups], [4.0, 4.0])
        self.assertEqual(len(groups), 2)

    def test_scores_follow_their_visit(self):
        visit = self.env["beneficiary.visit"].create({"kind": "field_survey"})
        with self.assertRaises(AccessError):
            visit.score_ids[:1].with_user(self.internal_user).read(["score"])
        with self.assertRaises(AccessError):
            self.env["beneficiary.visit.criterion"].with_user(self.officer_a).create({"name": "Mine"})


@tagged("post_install", "-at_install")
class TestRecurringCampaigns(BeneficiaryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env["survey.survey"].create(
            {
                "title": "Quarterly Satisfaction",
                "access_mode": "token",
                "question_and_page_ids": [
                    (0, 0, {"title": "Overall", "question_type": "scale", "scale_min": 1, "scale_max": 5})
                ],
            }
        )
        cls.orphans = cls.Beneficiary.create(
            [
                {
                    "name": f"Orphan {n}",
                    "national_id": make_id(10000110 + n),
                    "category_id": cls.category_a.id,
                }
                for n in range(2)
            ]
        )
        (cls.beneficiary_a | cls.orphans).action_activate()
        cls.Campaign = cls.env["beneficiary.survey.campaign"]

    def _campaign(self, **vals):
        values = {
            "name": "Quarterly satisfaction",
            "survey_id": self.survey.id,
            "category_ids": [(6, 0, self.category_a.ids)],
            "date": "2026-01-01",
            "recurrence": "quarterly",
        }
        values.update(vals)
        return self.Campaign.create(values)

    def test_next_campaign_of_the_quarter_is_created_and_sent(self):
        first = self._campaign()
        self.assertEqual(first.next_date, date(2026, 4, 1))
        first.action_invite()
        with freeze_time("2026-03-31"):
            self.Campaign._cron_run_recurring_campaigns()
        self.assertFalse(first.next_campaign_ids, "not before its date")
        with freeze_time("2026-04-01"):
            self.Campaign._cron_run_recurring_campaigns()
            self.Campaign._cron_run_recurring_campaigns()
        second = first.next_campaign_ids
        self.assertEqual(len(second), 1, "one next campaign, however many runs")
        self.assertEqual(first.state, "done", "the previous campaign is closed")
        self.assertEqual((second.date, second.next_date), (date(2026, 4, 1), date(2026, 7, 1)))
        self.assertEqual(second.state, "running")
        self.assertEqual(second.survey_id, self.survey)
        self.assertEqual(second.category_ids, self.category_a)
        self.assertEqual(
            set(second.user_input_ids.partner_id.ids), set((self.beneficiary_a | self.orphans).partner_id.ids)
        )
        self.assertTrue(second.name.startswith("Quarterly satisfaction - "))
        # and so on, quarter after quarter, each sent to the beneficiaries of its day
        late = self.Beneficiary.create(
            {"name": "Joined in May", "national_id": make_id(10000120), "category_id": self.category_a.id}
        )
        late.action_activate()
        with freeze_time("2026-07-02"):
            self.Campaign._cron_run_recurring_campaigns()
        third = second.next_campaign_ids
        self.assertEqual(third.date, date(2026, 7, 1))
        self.assertIn(late.partner_id, third.user_input_ids.partner_id)
        self.assertTrue(third.name.startswith("Quarterly satisfaction - "), "named after the series")

    def test_campaign_sent_once_is_not_repeated(self):
        once = self._campaign(recurrence="none")
        once.action_invite()
        self.assertFalse(once.next_date)
        with freeze_time("2027-01-01"):
            self.Campaign._cron_run_recurring_campaigns()
        self.assertFalse(once.next_campaign_ids)
        draft = self._campaign()
        with freeze_time("2027-01-01"):
            self.Campaign._cron_run_recurring_campaigns()
        self.assertFalse(draft.next_campaign_ids, "a campaign never sent starts no series")

    def test_next_campaign_that_cannot_be_sent_waits_as_a_draft(self):
        empty = self.env["beneficiary.category"].create({"name": "Nobody", "code": "T-E"})
        first = self._campaign(category_ids=[(6, 0, empty.ids)], recurrence="monthly")
        first.state = "running"
        with freeze_time("2026-02-01"):
            self.Campaign._cron_run_recurring_campaigns()
            self.Campaign._cron_run_recurring_campaigns()
        second = first.next_campaign_ids
        self.assertEqual(len(second), 1)
        self.assertEqual(second.state, "draft")
        self.assertIn("could not be sent", second.message_ids[0].body)
