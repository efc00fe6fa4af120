from freezegun import freeze_time

from odoo.tests import tagged

from .program_common import ProgramCase


@tagged("post_install", "-at_install")
@freeze_time("2027-01-10")
class TestProgramAttendance(ProgramCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.program = cls._make_program()
        cls.reg_1, cls.reg_2, cls.reg_3 = (
            cls._register(cls.program, child) for child in (cls.child_1, cls.child_2, cls.child_3)
        )
        (cls.reg_1 | cls.reg_2 | cls.reg_3).action_submit()
        cls.program.action_start()
        cls.sessions = cls.program.session_ids.sorted("date")

    def _submit_late(self, registration):
        """Registered after the start: the program is reopened for the time of it."""
        self.program._workflow_write({"state": "open"})
        registration.action_submit()
        self.program._workflow_write({"state": "running"})

    def _line(self, session, registration):
        return session.attendance_ids.filtered(lambda line: line.registration_id == registration)

    def test_rates_for_a_small_group_over_several_days(self):
        self.assertEqual(self.program.state, "running")
        self.assertEqual(len(self.sessions), 10)
        day_1, day_2, day_3, day_4 = self.sessions[:4]
        for session in (day_1, day_2, day_3, day_4):
            session.action_mark_all_present()
        self.assertEqual(len(day_1.attendance_ids), 3)
        self._line(day_2, self.reg_1).action_set_absent()
        self._line(day_2, self.reg_2).action_set_excused()
        self._line(day_3, self.reg_3).action_set_absent()
        self._line(day_4, self.reg_2).action_set_absent()
        # participant 1: 3 present, 1 absent; 2: 2 present, 1 excused, 1 absent; 3: 3 present, 1 absent
        self.assertEqual(
            [
                (r.present_count, r.absent_count, r.excused_count)
                for r in (self.reg_1, self.reg_2, self.reg_3)
            ],
            [(3, 1, 0), (2, 1, 1), (3, 1, 0)],
        )
        self.assertAlmostEqual(self.reg_1.attendance_rate, 75.0)
        self.assertAlmostEqual(self.reg_2.attendance_rate, 200.0 / 3)
        self.assertAlmostEqual(self.reg_3.attendance_rate, 75.0)
        self.assertAlmostEqual(day_2.attendance_rate, 50.0)
        self.assertAlmostEqual(day_4.attendance_rate, 200.0 / 3)
        # the program: 8 present out of 11 counted (the excused day is not counted)
        self.assertAlmostEqual(self.program.attendance_rate, 800.0 / 11)
        # grouping by program uses the stored rates
        groups = self.Registration._read_group(
            [("program_id", "=", self.program.id)], ["program_id"], ["attendance_rate:avg"]
        )
        self.assertAlmostEqual(groups[0][1], (75.0 + 200.0 / 3 + 75.0) / 3)

    def test_closing_the_sheet_records_the_unmarked_absent(self):
        day = self.sessions[0]
        day.action_take_attendance()
        self._line(day, self.reg_1).action_set_present()
        day.action_close_sheet()
        self.assertEqual(day.state, "done")
        self.assertEqual(self._line(day, self.reg_2).status, "absent")
        self.assertEqual(self._line(day, self.reg_3).status, "absent")
        self.assertAlmostEqual(self.reg_1.attendance_rate, 100.0)
        self.assertAlmostEqual(self.reg_2.attendance_rate, 0.0)

    def test_only_confirmed_participants_are_on_the_sheet(self):
        late = self._register(self.program, self._make_child("Late", "2014-04-04", "male"))
        self.reg_3.action_cancel()
        day = self.sessions[0]
        day.action_mark_all_present()
        self.assertEqual(day.attendance_ids.registration_id, self.reg_1 | self.reg_2)
        self._submit_late(late)
        day.action_mark_all_present()
        self.assertEqual(day.attendance_ids.registration_id, self.reg_1 | self.reg_2 | late)

    def test_officers_take_the_attendance_of_their_categories(self):
        other = self._make_child("Other Category", "2014-04-04", "female", category=self.category_b)
        reg_other = self._register(self.program, other)
        self._submit_late(reg_other)
        day = self.sessions[0].with_user(self.officer_b)
        day.action_mark_all_present()
        self.assertEqual(day.attendance_ids.registration_id, reg_other)
        self.assertEqual(self.sessions[0].attendance_ids.registration_id, reg_other, "nobody else was marked")
        self.sessions[0].with_user(self.officer_a).action_mark_all_present()
        self.assertEqual(len(self.sessions[0].attendance_ids), 4)
        self.assertEqual(set(self.sessions[0].attendance_ids.mapped("status")), {"present"})
