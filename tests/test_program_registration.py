from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .program_common import PROGRAM_END, PROGRAM_START, ProgramCase


@tagged("post_install", "-at_install")
@freeze_time("2026-12-01")
class TestProgramRegistration(ProgramCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.program = cls._make_program()

    def test_age_is_checked_on_the_start_date(self):
        # 7 on the start day (3 January 2027) is accepted, 6 is refused
        seven = self._make_child("Seven", date(2020, 1, 3), "male")
        six = self._make_child("Six", date(2020, 1, 4), "male")
        fourteen = self._make_child("Fourteen", date(2012, 1, 4), "male")
        fifteen = self._make_child("Fifteen", date(2012, 1, 3), "male")
        too_young = self._register(self.program, six)
        with self.assertRaisesRegex(ValidationError, r"Six is too young .*6 years old .*from 7 to 14 years"):
            too_young.action_submit()
        self.assertEqual(too_young.state, "draft")
        too_old = self._register(self.program, fifteen)
        with self.assertRaisesRegex(
            ValidationError, r"Fifteen is too old .*15 years old .*from 7 to 14 years"
        ):
            too_old.action_submit()
        self.assertEqual(too_old.state, "draft")
        accepted = self._register(self.program, seven) | self._register(self.program, fourteen)
        accepted.action_submit()
        self.assertEqual(accepted.mapped("age_at_start"), [7, 14])
        self.assertEqual(set(accepted.mapped("state")), {"confirmed"})

    def test_age_refusal_reads_in_arabic(self):
        self._activate_arabic()
        six = self._make_child("Six", date(2020, 1, 4), "male")
        registration = self._register(self.program, six).with_context(lang="ar_001")
        with self.assertRaisesRegex(ValidationError, "أصغر من الفئة العمرية") as error:
            registration.action_submit()
        self.assertIn("من 7 إلى 14 سنة", str(error.exception))

    def test_open_ended_age_and_missing_birth_date(self):
        program = self._make_program(name="Adults", age_min=18, age_max=0)
        with self.assertRaisesRegex(ValidationError, r"too young .*18 years and older"):
            self._register(program, self.child_1).action_submit()
        no_birth_date = self._make_child("Unknown Age", False, "male")
        with self.assertRaisesRegex(ValidationError, "add the birth date of Unknown Age"):
            self._register(self.program, no_birth_date).action_submit()

    def test_incomplete_form_is_refused(self):
        program = self._make_program(name="Reading Club", require_motivation=True)
        registration = self._register(program, self.child_1, guardian_name=False, guardian_phone=False)
        self.assertTrue(registration.is_minor)
        with self.assertRaisesRegex(
            ValidationError, "incomplete.*Guardian Name, Guardian Mobile, Why do you"
        ):
            registration.action_submit()
        self.assertEqual(registration.state, "draft")
        registration.write({"guardian_name": "Abdullah", "guardian_phone": "0551234567", "motivation": "  "})
        with self.assertRaisesRegex(ValidationError, "Please fill in: Why do you want to join"):
            registration.action_submit()
        registration.motivation = "To memorise Juz Amma"
        registration.action_submit()
        self.assertEqual(registration.state, "confirmed")
        self.assertEqual(registration.guardian_phone, "+966551234567", "the guardian's mobile is normalised")

    def test_adults_need_no_guardian(self):
        program = self._make_program(name="Women's Program", age_min=18, age_max=60, target_gender="female")
        registration = self._register(program, self.beneficiary_b, guardian_name=False, guardian_phone=False)
        self.beneficiary_b.write({"birth_date": date(1980, 5, 5), "gender": "female"})
        self.assertFalse(registration.is_minor)
        registration.action_submit()
        self.assertEqual(registration.state, "confirmed")

    def test_category_and_gender_are_targeted(self):
        program = self._make_program(
            name="Girls' Circle", target_gender="female", category_ids=[(6, 0, self.category_a.ids)]
        )
        with self.assertRaisesRegex(ValidationError, "open to Women and Girls only"):
            self._register(program, self.child_1).action_submit()
        other_category = self._make_child("Other", date(2015, 1, 1), "female", category=self.category_b)
        with self.assertRaisesRegex(
            ValidationError, "is for the categories Orphans; Other belongs to Widows"
        ):
            self._register(program, other_category).action_submit()
        registration = self._register(program, self.child_2)
        registration.action_submit()
        self.assertEqual(registration.state, "confirmed")

    def test_program_must_be_open(self):
        program = self._make_program(name="Not yet", state="draft")
        registration = self._register(program, self.child_1)
        with self.assertRaisesRegex(UserError, "Not yet is not open for registration"):
            registration.action_submit()
        program.write({"registration_deadline": date(2026, 11, 30)})
        program.action_open_registration()
        with self.assertRaisesRegex(UserError, "not open for registration"):
            registration.action_submit()

    def test_one_registration_per_participant(self):
        first = self._register(self.program, self.child_1)
        with self.assertRaisesRegex(
            ValidationError, "Salem Al-Harbi is already registered in Quran Memorisation"
        ):
            self._register(self.program, self.child_1)
        first.action_cancel()
        second = self._register(self.program, self.child_1)
        with self.assertRaisesRegex(ValidationError, "already registered"):
            first.action_reset_draft()
        self.assertEqual(second.state, "draft")

    def test_seat_limit_holds(self):
        program = self._make_program(name="Small Circle", seats=2)
        first, second, third = (
            self._register(program, child) for child in (self.child_1, self.child_2, self.child_3)
        )
        (first | second).action_submit()
        self.assertEqual(program.seats_taken, 2)
        self.assertEqual(program.seats_available, 0)
        with self.assertRaisesRegex(
            ValidationError, r"Small Circle is full: all its seats are taken \(2 seats\)"
        ):
            third.action_submit()
        self.assertEqual(third.state, "draft", "nothing is half-written when the seats are full")
        # a cancellation frees a seat
        first.action_cancel()
        third.action_submit()
        self.assertEqual(third.state, "confirmed")
        self.assertEqual(program.seats_taken, 2)

    def test_seat_limit_holds_for_a_batch(self):
        program = self._make_program(name="One Seat", seats=1)
        registrations = self._register(program, self.child_1) | self._register(program, self.child_2)
        with self.assertRaisesRegex(ValidationError, "One Seat is full"):
            registrations.action_submit()
        self.assertEqual(set(registrations.mapped("state")), {"draft"})

    def test_unpaid_registrations_hold_their_seat(self):
        program = self._make_program(name="Paid Course", seats=1, fee_type="paid", fee_amount=150)
        first = self._register(program, self.child_1)
        first.action_submit()
        self.assertEqual(first.state, "awaiting_payment")
        with self.assertRaisesRegex(UserError, "fee of Salem Al-Harbi is not paid yet"):
            first.action_confirm()
        with self.assertRaisesRegex(ValidationError, "Paid Course is full"):
            self._register(program, self.child_2).action_submit()

    def test_interview_required_before_confirmation(self):
        program = self._make_program(name="Leaders Camp", interview_required=True)
        registration = self._register(program, self.child_1)
        registration.action_submit()
        self.assertEqual(registration.state, "submitted", "an interview program does not confirm at once")
        with self.assertRaisesRegex(UserError, "Leaders Camp requires a personal interview"):
            registration.action_confirm()
        self.assertEqual(registration.state, "submitted")
        registration.action_shortlist()
        self.assertEqual(registration.state, "shortlisted")
        with self.assertRaisesRegex(UserError, "requires a personal interview"):
            registration.action_confirm()
        invitation = registration.message_ids.filtered(
            lambda m: "Personal interview for Leaders Camp" in (m.subject or "")
        )
        self.assertEqual(invitation.partner_ids, self.child_1.partner_id)
        registration.action_interview_pass()
        self.assertEqual((registration.state, registration.interview_result), ("interviewed", "passed"))
        registration.action_call_to_complete()
        self.assertEqual(registration.state, "confirmed")
        self.assertTrue(
            registration.message_ids.filtered(
                lambda m: "You are accepted in Leaders Camp" in (m.subject or "")
            )
        )

    def test_failed_interview_rejects(self):
        program = self._make_program(name="Leaders Camp", interview_required=True)
        registration = self._register(program, self.child_1)
        registration.action_submit()
        registration.action_shortlist()
        registration.action_interview_fail()
        self.assertEqual((registration.state, registration.interview_result), ("rejected", "failed"))
        self.assertTrue(registration.rejection_reason)
        self.assertEqual(program.seats_taken, 0)

    def test_rejection_needs_a_reason(self):
        program = self._make_program(name="Leaders Camp", interview_required=True)
        registration = self._register(program, self.child_1)
        registration.action_submit()
        with self.assertRaisesRegex(UserError, "reason for the rejection"):
            registration.action_reject()
        registration.rejection_reason = "Conditions not met"
        registration.action_reject()
        self.assertEqual(registration.state, "rejected")

    def test_sessions_generated_from_weekdays(self):
        sessions = self.program.action_generate_sessions()
        # 3-14 January 2027, Sunday to Thursday: two weeks of five days
        self.assertEqual(len(sessions), 10)
        self.assertEqual(sessions[0].date, PROGRAM_START)
        self.assertEqual(sessions[-1].date, PROGRAM_END)
        self.assertFalse({d.weekday() for d in sessions.mapped("date")} & {4, 5}, "no Friday or Saturday")
        self.assertFalse(self.program.action_generate_sessions(), "existing days are kept, none added")
        self.program.session_sat = True
        added = self.program.action_generate_sessions()
        self.assertEqual(added.mapped("date"), [date(2027, 1, 9)])

    def test_program_constraints(self):
        with self.assertRaisesRegex(ValidationError, "cannot end before it starts"):
            self._make_program(name="Backwards", date_end=date(2027, 1, 1))
        with self.assertRaisesRegex(
            ValidationError, r"minimum age of Inverted \(15\) is above its maximum age \(10\)"
        ):
            self._make_program(name="Inverted", age_min=15, age_max=10)
        with self.assertRaisesRegex(ValidationError, "Enter the subscription fee of No Fee"):
            self._make_program(name="No Fee", fee_type="paid", fee_amount=0)
