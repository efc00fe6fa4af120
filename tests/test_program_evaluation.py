from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .program_common import ProgramCase


@tagged("post_install", "-at_install")
@freeze_time("2027-01-15")
class TestProgramEvaluation(ProgramCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env["survey.survey"].create(
            {
                "title": "Program Evaluation",
                "access_mode": "token",
                "question_and_page_ids": [
                    (0, 0, {"title": "Content", "question_type": "scale", "scale_min": 1, "scale_max": 5}),
                    (0, 0, {"title": "Trainers", "question_type": "scale", "scale_min": 1, "scale_max": 5}),
                    (0, 0, {"title": "Suggestions", "question_type": "text_box"}),
                ],
            }
        )
        cls.q_content, cls.q_trainers, _q_text = cls.survey.question_ids
        cls.program = cls._make_program(survey_id=cls.survey.id)
        cls.reg_1, cls.reg_2, cls.reg_3 = (
            cls._register(cls.program, child) for child in (cls.child_1, cls.child_2, cls.child_3)
        )
        (cls.reg_1 | cls.reg_2 | cls.reg_3).action_submit()
        cls.reg_3.action_cancel()
        cls.program.action_start()
        for session in cls.program.session_ids[:2]:
            session.action_mark_all_present()
        cls.program.session_ids[:2].action_close_sheet()
        cls.program.action_done()

    def test_evaluation_invitations_reach_the_participants(self):
        self.program.with_user(self.manager).action_send_evaluation()
        answers = self.env["survey.user_input"].search([("survey_id", "=", self.survey.id)])
        self.assertEqual(answers.partner_id, self.child_1.partner_id | self.child_2.partner_id)
        self.assertEqual(self.reg_1.evaluation_input_id.partner_id, self.child_1.partner_id)
        self.assertEqual(self.reg_2.evaluation_input_id.partner_id, self.child_2.partner_id)
        self.assertFalse(self.reg_3.evaluation_input_id, "cancelled registrations are not asked")
        mails = self.env["mail.mail"].search([("recipient_ids", "in", answers.partner_id.ids)])
        self.assertEqual(mails.recipient_ids, answers.partner_id)
        for answer in answers:
            mail = mails.filtered(lambda m, a=answer: a.partner_id in m.recipient_ids)
            self.assertIn(answer.access_token, mail.body_html, "each participant gets their own link")
        self.assertEqual(self.program.evaluation_invited_count, 2)
        self.assertTrue(self.program.evaluation_sent_date)
        # sending again reuses the invitations
        self.program.with_user(self.manager).action_send_evaluation()
        self.assertEqual(self.env["survey.user_input"].search_count([("survey_id", "=", self.survey.id)]), 2)

    def test_evaluation_needs_a_form_and_participants(self):
        self.program.survey_id = False
        with self.assertRaisesRegex(UserError, "Choose the evaluation form"):
            self.program.action_send_evaluation()
        empty = self._make_program(name="Empty", survey_id=self.survey.id, state="done")
        with self.assertRaisesRegex(UserError, "Empty has no confirmed participant"):
            empty.action_send_evaluation()

    def _answer(self, registration, content, trainers):
        answer = registration.evaluation_input_id
        answer._save_lines(self.q_content, str(content))
        answer._save_lines(self.q_trainers, str(trainers))
        answer._mark_done()

    def test_results_and_program_report(self):
        self.program.action_send_evaluation()
        self._answer(self.reg_1, 5, 4)
        self._answer(self.reg_2, 3, 2)
        self.assertEqual(self.program.evaluation_answer_count, 2)
        # (100 + 75 + 50 + 25) / 4 on a 1-5 scale
        self.assertAlmostEqual(self.program.evaluation_satisfaction, 62.5)
        summary = self.program._get_evaluation_summary()
        self.assertEqual(
            [(row["question"], row["answers"], row["average"]) for row in summary],
            [("Content", 2, 4.0), ("Trainers", 2, 3.0)],
        )
        report = "beneficiary_relations.action_report_beneficiary_program"
        html = self.env["ir.actions.report"]._render_qweb_html(report, self.program.ids)[0].decode()
        for text in ("Salem Al-Harbi", "Layan Al-Qahtani", "62.5", "Content", "4.00 / 5", "100.0"):
            self.assertIn(text, html)
        self.assertNotIn("Ziyad Al-Mutairi", html, "cancelled registrations are not participants")
        public = (
            self.env["ir.actions.report"]
            ._render_qweb_html(report, self.program.ids, data={"public_version": True})[0]
            .decode()
        )
        self.assertNotIn("Salem Al-Harbi", public, "the published copy names no participant")
        self.assertIn("62.5", public)

    def test_publishing_the_report(self):
        self.assertFalse(self.program.is_published)
        self.program.action_publish_report()
        self.assertEqual(self.program.state, "reported")
        self.assertTrue(self.program.is_published)
        self.assertEqual(str(self.program.report_published_date), "2027-01-15")
        self.program.action_unpublish_report()
        self.assertFalse(self.program.is_published)
