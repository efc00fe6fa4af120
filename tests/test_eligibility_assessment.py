import base64

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common_eligibility import EligibilityCase
from .common_request import PNG


@tagged("post_install", "-at_install")
class TestEligibilityDecision(EligibilityCase):
    """A request cannot be decided while an assessment its service requires is missing."""

    def _decide_error(self, request, user=None):
        with self.assertRaises(UserError) as error:
            request.with_user(user or self.committee_user).action_accept()
        return str(error.exception)

    def test_decision_refused_for_each_missing_required_method(self):
        request = self._bring_to(self._new_request(), "in_review")
        message = self._decide_error(request)
        self.assertIn("Document Check eligibility assessment is not concluded", message)
        self.assertIn("Field Visit eligibility assessment is not concluded", message)
        self.assertNotIn("Personal Interview", message, "only the required methods are asked for")
        self.assertEqual(request.state, "in_review", "a refusal changes nothing")
        self.assertFalse(request.date_decision)

        # a draft or a cancelled assessment is not a concluded one
        self._new_assessment(request, "field_visit")
        self._new_assessment(request, "document_check").action_cancel()
        self.assertEqual(request.eligibility_status, "pending")
        # a manager deciding in the committee's place, with the reason, is refused the same
        with self.assertRaises(UserError) as error:
            self.env["beneficiary.service.request.decide"].with_user(self.manager).create(
                {"request_ids": [(6, 0, request.ids)], "override_reason": "The committee is on leave"}
            ).action_confirm()
        message = str(error.exception)
        self.assertIn("Document Check", message)
        self.assertIn("Field Visit", message)

        self._conclude(request, "document_check")
        message = self._decide_error(request)
        self.assertNotIn("Document Check", message)
        self.assertIn("Field Visit eligibility assessment is not concluded", message)
        request.decision_reason = "Outside the area"
        with self.assertRaisesRegex(UserError, "Field Visit eligibility assessment"):
            request.with_user(self.committee_user).action_reject()

        self._conclude(request, "field_visit")
        self.assertEqual(request.eligibility_status, "eligible")
        request.with_user(self.committee_user).action_accept()
        self.assertEqual(request.state, "accepted")

    def test_services_without_requirements_decide_as_before(self):
        self.service.write({"require_document_check": False, "require_field_visit": False})
        request = self._bring_to(self._new_request(), "accepted")
        self.assertEqual(request.state, "accepted")
        self.assertFalse(request.eligibility_status)

    def test_not_eligible_is_shown_to_the_committee_who_still_decides(self):
        request = self._bring_to(self._new_request(), "in_review")
        self._conclude(request, "field_visit")
        finding = self._conclude(
            request, "document_check", result="not_eligible", recommendation="Income above the threshold"
        )
        self.assertEqual(request.eligibility_status, "not_eligible")
        seen = request.with_user(self.committee_user).eligibility_assessment_ids
        self.assertEqual(len(seen), 2)
        self.assertEqual(
            finding.with_user(self.committee_user).read(
                ["method", "result", "recommendation", "assessor_id"]
            )[0]["recommendation"],
            "Income above the threshold",
        )
        request.with_user(self.committee_user).action_accept()
        self.assertEqual(
            request.state, "accepted", "a 'not eligible' finding informs the committee, it decides"
        )

    @freeze_time("2026-03-01 09:00:00")
    def test_rejection_states_the_ineligibility_to_the_beneficiary(self):
        request = self._bring_to(self._new_request(), "in_review")
        self._conclude(request, "field_visit", recommendation="Modest home")
        self._conclude(
            request,
            "document_check",
            result="not_eligible",
            recommendation="The family income is above the association's threshold.",
        )
        action = (
            request.with_user(self.committee_user).with_context(reason_action="reject").action_open_reason()
        )
        wizard = Form(
            self.env[action["res_model"]].with_user(self.committee_user).with_context(**action["context"])
        )
        self.assertEqual(
            wizard.reason,
            "The family income is above the association's threshold.",
            "only the 'not eligible' recommendation is proposed",
        )
        wizard.save().action_confirm()
        self.assertEqual(request.state, "rejected")
        self.assertEqual(request.decision_reason, "The family income is above the association's threshold.")
        told = self.env["beneficiary.notification.log"].search(
            [("res_model", "=", request._name), ("res_id", "=", request.id), ("kind", "=", "decision")]
        )
        self.assertEqual(told.partner_id, self.beneficiary_a.partner_id)
        self.assertIn("above the association", told.mail_message_id.body, "the beneficiary reads why")

    def test_rejection_reason_not_proposed_across_beneficiaries(self):
        first = self._bring_to(self._new_request(), "in_review")
        second = self._bring_to(self._new_request(), "in_review")
        self._conclude(first, "document_check", result="not_eligible", recommendation="Income too high")
        Reason = self.env["beneficiary.service.request.reason"].with_user(self.committee_user)
        both = Reason.with_context(default_request_ids=(first | second).ids, default_action="reject")
        self.assertFalse(
            both.default_get(["reason"]).get("reason"), "one reason would reach two beneficiaries"
        )
        cancel = Reason.with_context(default_request_ids=first.ids, default_action="cancel")
        self.assertFalse(cancel.default_get(["reason"]).get("reason"))
        reject = Reason.with_context(default_request_ids=first.ids, default_action="reject")
        self.assertEqual(reject.default_get(["reason"])["reason"], "Income too high")

    def test_refusal_in_arabic(self):
        self._activate_arabic()
        request = self._bring_to(self._new_request(), "in_review")
        self._conclude(request, "document_check")
        with self.assertRaises(UserError) as error:
            request.with_user(self.committee_user).with_context(lang="ar_001").action_accept()
        message = str(error.exception)
        self.assertIn("لا يمكن", message)
        self.assertIn("تقييم الاستحقاق", message)
        self.assertIn("الزيارة الميدانية", message)
        self.assertNotIn("الفحص الإداري", message)


@tagged("post_install", "-at_install")
class TestEligibilityAssessment(EligibilityCase):
    def test_checklist_copied_from_the_service_type(self):
        request = self._new_request()
        check = self._new_assessment(request, "document_check")
        self.assertTrue(check.name.startswith("ELG/"))
        self.assertEqual(
            check.line_ids.criterion_id, self.crit_income | self.crit_other_aid | self.crit_residence
        )
        self.assertEqual(
            check.line_ids.mapped("name"),
            [
                "Income under the threshold",
                "No other aid for the same need",
                "Lives in the association's area",
            ],
        )
        self.assertEqual(check.line_ids.mapped("mandatory"), [True, False, True])
        self.assertEqual(check.line_ids[0].description, "Salary certificate or social security statement")
        visit = self._new_assessment(request, "field_visit")
        self.assertEqual(visit.line_ids.criterion_id, self.crit_residence | self.crit_home)
        self.assertEqual(
            self._new_assessment(request, "interview").line_ids.criterion_id, self.crit_residence
        )
        # the checklist keeps the wording it was made with
        self.crit_income.name = "Income under 1,500 SAR per person"
        self.assertEqual(check.line_ids[0].name, "Income under the threshold")
        self.assertEqual(
            self._new_assessment(request, "document_check").line_ids[0].name, self.crit_income.name
        )

    def test_changing_the_method_keeps_shared_answers(self):
        request = self._new_request()
        form = Form(self.Assessment.with_user(self.officer_a))
        form.request_id = request
        form.method = "document_check"
        self.assertEqual(len(form.line_ids), 3)
        with form.line_ids.edit(2) as line:
            self.assertEqual(line.name, "Lives in the association's area")
            line.met = "yes"
            line.note = "National address checked"
        form.method = "field_visit"
        self.assertEqual(len(form.line_ids), 2)
        assessment = form.save()
        residence = assessment.line_ids.filtered(lambda line: line.criterion_id == self.crit_residence)
        self.assertEqual((residence.met, residence.note), ("yes", "National address checked"))
        self.assertFalse(assessment.line_ids.filtered(lambda line: line.criterion_id == self.crit_income))
        self.assertEqual(assessment.assessor_id, self.officer_a)
        # the same on a saved draft
        assessment.with_user(self.officer_a).method = "document_check"
        self.assertEqual(
            assessment.line_ids.criterion_id, self.crit_income | self.crit_other_aid | self.crit_residence
        )
        self.assertEqual(residence.met, "yes")

    def test_result_is_the_assessors_decision(self):
        request = self._new_request()
        assessment = self._new_assessment(request, "document_check")
        self.assertFalse(assessment.proposed_result)
        with self.assertRaisesRegex(UserError, "not checked yet: Income under the threshold, No other aid"):
            assessment.action_done()
        income, other_aid, residence = assessment.line_ids
        (income | residence).met = "yes"
        other_aid.met = "no"
        self.assertEqual(assessment.proposed_result, "eligible", "an optional criterion does not decide")
        with self.assertRaises(UserError) as error:
            assessment.action_done()
        self.assertIn("sources used", str(error.exception))
        self.assertIn("result (eligible or not eligible) is not chosen", str(error.exception))
        self.assertNotIn("not checked", str(error.exception))
        assessment.source_ids = self.source_id
        with self.assertRaisesRegex(UserError, "result .* is not chosen"):
            assessment.action_done()
        self.assertEqual(assessment.state, "draft")

        income.met = "no"
        self.assertEqual(assessment.proposed_result, "not_eligible")
        assessment.result = "eligible"
        with self.assertRaisesRegex(UserError, "differs from the checklist's proposal"):
            assessment.action_done()
        assessment.recommendation = "Income is only above the threshold because of a one-off bonus."
        with freeze_time("2026-03-04 10:00:00"):
            assessment.action_done()
        self.assertEqual(assessment.state, "done")
        self.assertEqual(assessment.result, "eligible", "the assessor's result, not the proposal")
        self.assertEqual(assessment.date_done, self._dt("2026-03-04 10:00:00"))

    def test_not_eligible_needs_a_recommendation(self):
        assessment = self._new_assessment(
            self._new_request(), "document_check", source_ids=self.source_id.ids
        )
        assessment.line_ids.met = "no"
        assessment.result = "not_eligible"
        with self.assertRaisesRegex(UserError, "'not eligible' result needs the recommendation"):
            assessment.action_done()
        assessment.recommendation = "Refer to the financial counselling program."
        assessment.action_done()
        self.assertEqual(assessment.state, "done")

    def test_concluded_assessment_is_kept_as_it_is(self):
        request = self._bring_to(self._new_request(), "in_review")
        assessment = self._conclude(request, "document_check", user=self.officer_a)
        self.assertEqual(assessment.assessor_id, self.officer_a)
        officer_view = assessment.with_user(self.officer_a)
        for vals in ({"result": "not_eligible"}, {"recommendation": "Changed"}, {"method": "interview"}):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "kept as it is"):
                officer_view.write(vals)
        with self.assertRaisesRegex(UserError, "kept as it is"):
            officer_view.line_ids[0].met = "no"
        with self.assertRaisesRegex(UserError, "kept as it is"):
            officer_view.line_ids[0].unlink()
        with self.assertRaisesRegex(UserError, "kept as it is"):
            self.env["beneficiary.eligibility.assessment.line"].create(
                {"assessment_id": assessment.id, "name": "Added afterwards"}
            )
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            assessment.with_user(self.manager).unlink()
        with self.assertRaisesRegex(UserError, "buttons"):
            assessment.write({"state": "draft"})
        with self.assertRaisesRegex(UserError, "set by the application"):
            self._new_assessment(request, "interview", state="done")
        officer_view.message_post(body="Copy of the salary certificate kept in the paper file")
        self.assertEqual(assessment.result, "eligible")
        # a concluded assessment is cancelled only by a manager, and only before the decision
        with self.assertRaisesRegex(UserError, "Only a manager"):
            officer_view.action_cancel()
        assessment.with_user(self.manager).action_cancel()
        self.assertEqual(assessment.state, "cancel")
        self.assertEqual(request.eligibility_document_check_todo, True, "it has to be done again")
        self._conclude(request, "document_check")
        self._conclude(request, "field_visit")
        request.with_user(self.committee_user).action_accept()
        with self.assertRaisesRegex(UserError, "supported the decision"):
            request.eligibility_assessment_ids.filtered(lambda a: a.state == "done")[:1].with_user(
                self.manager
            ).action_cancel()

    def test_draft_can_be_corrected_and_deleted(self):
        assessment = self._new_assessment(self._new_request(), "interview", user=self.officer_a)
        assessment.write({"findings": "<p>Met the mother</p><script>alert(1)</script>", "result": "eligible"})
        self.assertNotIn("<script", assessment.findings)
        assessment.line_ids.unlink()
        self.env["beneficiary.eligibility.assessment.line"].create(
            {"assessment_id": assessment.id, "name": "Extra check", "met": "yes"}
        )
        self.assertEqual(assessment.line_ids.name, "Extra check")
        assessment.with_user(self.manager).unlink()
        self.assertFalse(assessment.exists())

    def test_start_buttons_prefill_from_the_request(self):
        request = self._new_request()
        self.assertTrue(request.eligibility_document_check_todo)
        self.assertFalse(request.eligibility_interview_todo, "not required by the service")
        self.assertTrue(request.eligibility_field_visit_todo)
        with self.assertRaisesRegex(UserError, "Unknown eligibility method"):
            request.with_context(eligibility_method="phone_call").action_start_eligibility_assessment()
        # an assessment the service does not require: the user chooses the method
        free = request.action_start_eligibility_assessment()
        self.assertEqual(free["context"], {"default_request_id": request.id})
        action = request.with_user(self.officer_a).with_context(eligibility_method="field_visit")
        action = action.action_start_eligibility_assessment()
        form = Form(self.env[action["res_model"]].with_user(self.officer_a).with_context(**action["context"]))
        self.assertEqual(form.request_id, request)
        self.assertEqual(form.method, "field_visit")
        self.assertEqual(form.beneficiary_id, self.beneficiary_a)
        self.assertEqual(len(form.line_ids), 2)
        self.assertIn("12 Al-Suwaidi Street", form.visit_address)
        self.assertIn("Riyadh", form.visit_address)
        form.save()
        self.assertFalse(request.eligibility_field_visit_todo, "started")
        self.assertTrue(request.eligibility_document_check_todo)
        self.assertEqual(request.eligibility_assessment_count, 1)
        smart = request.action_view_eligibility_assessments()
        self.assertEqual(self.Assessment.search(smart["domain"]), request.eligibility_assessment_ids)

    def test_field_visit_photos_and_address(self):
        request = self._bring_to(self._new_request(), "complete")
        visit = self._new_assessment(request, "field_visit", user=self.officer_a)
        photo = (
            self.env["ir.attachment"]
            .with_user(self.officer_a)
            .create({"name": "living_room.png", "datas": PNG, "res_model": visit._name, "res_id": 0})
        )
        visit.with_user(self.officer_a).visit_photo_ids = [Command.link(photo.id)]
        self.assertEqual(visit.visit_photo_ids, photo)
        self.assertEqual((photo.res_model, photo.res_id), (visit._name, visit.id), "attached to the visit")
        self.assertEqual(photo.mimetype, "image/png")
        scan = self.env["ir.attachment"].create(
            {"name": "contract.pdf", "datas": base64.b64encode(b"%PDF-1.4 contract")}
        )
        with self.assertRaisesRegex(ValidationError, "Only images .*contract.pdf"), self.env.cr.savepoint():
            visit.visit_photo_ids = [Command.link(scan.id)]
        visit.write({"visit_address": " ", "source_ids": self.source_visit.ids, "result": "eligible"})
        visit.line_ids.met = "yes"
        with self.assertRaisesRegex(UserError, "address visited is missing"):
            visit.action_done()
        visit.visit_address = "Riyadh, Al-Suwaidi, house 24"
        visit.action_done()
        # the committee sees the photos once the request is referred to it
        request.action_refer()
        self.assertEqual(photo.with_user(self.committee_user).datas, PNG)
        self.assertEqual(visit.with_user(self.committee_user).visit_photo_ids, photo)
