import datetime
import re

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common_request import ServiceRequestCase


@tagged("post_install", "-at_install")
class TestRequestSla(ServiceRequestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env.company._get_beneficiary_calendar()
        cls.env["beneficiary.escalation.level"].search([]).active = False
        cls.board_member = cls.manager
        Level = cls.env["beneficiary.escalation.level"]
        cls.ladder = Level.create(
            [
                {"name": "Liaison officer", "level": 1, "days_after_deadline": 0, "notify": "responsible"},
                {
                    "name": "Committee chair",
                    "level": 2,
                    "days_after_deadline": 2,
                    "notify": "committee_chair",
                },
                {"name": "Executive management", "level": 3, "days_after_deadline": 4, "notify": "managers"},
                {
                    "name": "Board",
                    "level": 4,
                    "days_after_deadline": 6,
                    "notify": "users",
                    "user_ids": [(6, 0, cls.board_member.ids)],
                },
            ]
        )

    def _generate_holidays(self, year=2026):
        wizard = self.env["beneficiary.holidays.generate"].create(
            {"calendar_id": self.calendar.id, "year": year}
        )
        return wizard.action_generate()

    def _complete_at(self, moment, **vals):
        with freeze_time(moment):
            return self._bring_to(self._new_request(**vals), "complete")

    def _riyadh(self, year, month, day, hour=16):
        """Naive UTC for a Riyadh wall-clock time (UTC+3, no daylight saving)."""
        return datetime.datetime(year, month, day, hour) - datetime.timedelta(hours=3)

    # ------------------------------------------------------------------ deadlines
    def test_saudi_calendar_is_the_default(self):
        self.assertEqual(self.calendar, self.env.ref("beneficiary_relations.resource_calendar_saudi"))
        days = set(self.calendar.attendance_ids.mapped("dayofweek"))
        self.assertEqual(days, {"6", "0", "1", "2", "3"}, "Sunday to Thursday")
        self.assertEqual(self.calendar.tz, "Asia/Riyadh")

    def test_holidays_generated_as_editable_estimates(self):
        self._generate_holidays(2026)
        leaves = self.env["resource.calendar.leaves"].search([("calendar_id", "=", self.calendar.id)])
        eid = leaves.filtered(lambda leave: leave.date_from <= self._riyadh(2026, 3, 20, 12) <= leave.date_to)
        self.assertEqual(len(eid), 1, "the Eid days are one leave")
        self.assertTrue(eid.beneficiary_is_estimate)
        national = leaves.filtered(
            lambda leave: leave.date_from <= self._riyadh(2026, 9, 23, 12) <= leave.date_to
        )
        self.assertFalse(national.beneficiary_is_estimate, "National Day is a fixed date")
        founding = leaves.filtered(
            lambda leave: leave.date_from <= self._riyadh(2026, 2, 22, 12) <= leave.date_to
        )
        self.assertTrue(founding)
        count = len(leaves)
        self._generate_holidays(2026)
        self.assertEqual(
            self.env["resource.calendar.leaves"].search_count([("calendar_id", "=", self.calendar.id)]),
            count,
            "generating twice adds nothing",
        )
        ar_names = self.env["beneficiary.holidays.generate"]._get_saudi_holidays(2026, "ar_001")
        self.assertIn("اليوم الوطني", [name for _first, _last, name, _estimate in ar_names])

    def test_deadline_crosses_weekend_and_eid(self):
        self._generate_holidays(2026)
        # complete on Sunday 15 March 2026 at 10:00 Riyadh; Eid al-Fitr holidays 19-24 March
        request = self._complete_at(self._riyadh(2026, 3, 15, 10))
        self.assertEqual(request.sla_days, 15)
        self.assertEqual(request.sla_deadline, self._riyadh(2026, 4, 9, 16), "Thursday 9 April, closing time")
        self.assertEqual(request.with_context(lang="en_US").sla_deadline_hijri, "21 Shawwal 1447 AH")
        self.assertEqual(request.sla_status, "on_track")
        with freeze_time(self._riyadh(2026, 4, 5, 9)):
            request.invalidate_recordset(["sla_days_left"])
            self.assertEqual(request.sla_days_left, 4, "5 April (Sunday) to 9 April")

    def test_deadline_without_holidays_only_skips_weekends(self):
        request = self._complete_at(self._riyadh(2026, 3, 15, 10))
        self.assertEqual(request.sla_deadline, self._riyadh(2026, 4, 5, 16))

    def test_paused_time_is_excluded(self):
        self.company.beneficiary_sla_hold = "pause"
        request = self._complete_at(self._riyadh(2026, 3, 1, 10))
        self.assertEqual(request.sla_deadline, self._riyadh(2026, 3, 22, 16))
        with freeze_time(self._riyadh(2026, 3, 3, 11)):
            request.action_hold()
        self.assertEqual(request.sla_status, "on_hold")
        with freeze_time(self._riyadh(2026, 3, 10, 9)):
            request.action_resume()
        # 4, 5, 8, 9 and 10 March were lost: five working days added
        self.assertEqual(request.sla_paused_days, 5)
        self.assertEqual(request.sla_deadline, self._riyadh(2026, 3, 29, 16))
        self.assertEqual(request.sla_status, "on_track")
        with freeze_time(self._riyadh(2026, 3, 26, 9)):
            request.action_refer()
            request.with_user(self.committee_user).action_accept()
        self.assertEqual(request.sla_status, "met", "decided before the extended deadline")
        self.assertEqual(
            request.sla_working_days_used, 14, "19 working days from 1 to 26 March, 5 of them on hold"
        )

    def test_decision_after_the_deadline_is_breached(self):
        request = self._complete_at(self._riyadh(2026, 3, 1, 10))
        request.action_refer()
        with freeze_time(self._riyadh(2026, 3, 25, 10)):
            request.with_user(self.committee_user).action_accept()
        self.assertEqual(request.sla_status, "breached")
        self.assertEqual(request.sla_in_time, 0)

    # ------------------------------------------------------------------ cron
    def _run_cron(self, moment, times=3):
        with freeze_time(moment):
            for _i in range(times):
                self.Request._cron_check_sla()

    def _breach_messages(self, request):
        return request.message_ids.filtered(lambda m: "has passed without a decision" in (m.body or ""))

    def _escalation_messages(self, request):
        return request.message_ids.filtered(lambda m: "Escalated to" in (m.body or ""))

    def _summaries(self, user=None, level=None):
        """The cron's summary to-dos, on the rungs of the ladder."""
        domain = [("res_model", "=", "beneficiary.escalation.level"), ("res_id", "in", self.ladder.ids)]
        if user:
            domain.append(("user_id", "=", user.id))
        if level:
            domain.append(("res_id", "=", level.id))
        return self.env["mail.activity"].search(domain)

    def _listed(self, summary):
        """The records a summary's link opens, through the list action it names."""
        match = re.search(r'href="/odoo/action-([\w.]+)\?active_ids=([\d,]+)"', summary.note)
        self.assertTrue(match, "the summary links to the list of its records")
        action = self.env["ir.actions.act_window"]._for_xml_id(match[1])
        ids = [int(number) for number in match[2].split(",")]
        return self.env[action["res_model"]].search(safe_eval(action["domain"], {"active_ids": ids}))

    def test_cron_flags_at_risk_then_breach_once_and_climbs_the_ladder_once(self):
        request = self._complete_at(self._riyadh(2026, 3, 1, 10))  # deadline Sunday 22 March
        request.action_refer()
        self._run_cron(self._riyadh(2026, 3, 16, 9))
        self.assertEqual(request.sla_status, "on_track", "four working days left")
        self._run_cron(self._riyadh(2026, 3, 17, 9))
        self.assertEqual(request.sla_status, "at_risk", "three working days left: at risk")
        self.assertFalse(self._breach_messages(request))

        self._run_cron(self._riyadh(2026, 3, 22, 17))
        self.assertEqual(request.sla_status, "breached")
        self.assertEqual(len(self._breach_messages(request)), 1, "a breach is flagged once")
        self.assertEqual(request.escalation_level, 1)
        self.assertEqual(self._summaries().user_id, self.officer_a)
        self.assertEqual(
            request.activity_ids.mapped("summary"),
            ["Decide the request"],
            "the committee's to-do only: the deadline's to-dos are summaries on the rungs",
        )

        self._run_cron(self._riyadh(2026, 3, 23, 17))  # one working day late
        self.assertEqual(request.escalation_level, 1)
        self._run_cron(self._riyadh(2026, 3, 24, 17))  # two working days late
        self.assertEqual(request.escalation_level, 2)
        self._run_cron(self._riyadh(2026, 3, 29, 17), times=5)  # five working days late, after a weekend
        self.assertEqual(request.escalation_level, 3)
        self._run_cron(self._riyadh(2026, 4, 12, 17), times=5)
        self.assertEqual(request.escalation_level, 4)
        self._run_cron(self._riyadh(2026, 5, 12, 17), times=5)

        self.assertEqual(len(self._breach_messages(request)), 1)
        levels = [m.body for m in self._escalation_messages(request)]
        self.assertEqual(len(levels), 4, "each level is notified exactly once")
        for number in (1, 2, 3, 4):
            self.assertEqual(sum(f"(level {number})" in body for body in levels), 1)
        self.assertEqual(
            self._summaries(level=self.ladder[1]).user_id, self.committee_user, "the committee chair"
        )
        self.assertIn(self.manager, self._summaries(level=self.ladder[2]).user_id, "management")
        self.assertEqual(self._summaries(level=self.ladder[3]).user_id, self.board_member, "the board")
        self.assertEqual(len(self._summaries(user=self.officer_a)), 1)
        for summary in self._summaries():
            self.assertEqual(self._listed(summary), request)

    def test_levels_crossed_at_once_are_each_notified(self):
        request = self._complete_at(self._riyadh(2026, 3, 1, 10))
        request.action_refer()
        self._run_cron(self._riyadh(2026, 5, 1, 10))
        self.assertEqual(request.escalation_level, 4)
        [message] = self._escalation_messages(request)
        self.assertEqual(message, self._breach_messages(request), "one message for the breach and the rungs")
        for number in (1, 2, 3, 4):
            self.assertIn(f"(level {number})", message.body)
        self.assertEqual(self._summaries(level=self.ladder[0]).user_id, self.officer_a)
        self.assertEqual(self._summaries(level=self.ladder[1]).user_id, self.committee_user)
        self.assertIn(self.manager, self._summaries(level=self.ladder[2]).user_id)
        self.assertEqual(self._summaries(level=self.ladder[3]).user_id, self.board_member)
        for summary in self._summaries():
            self.assertEqual(self._listed(summary), request)

    def test_one_summary_per_person_and_rung_naming_its_records(self):
        """Officers get one to-do per rung and pass, naming their own late requests only,
        with a link to the list of them."""
        late_a = self._complete_at(self._riyadh(2026, 3, 1, 10)) | self._complete_at(
            self._riyadh(2026, 3, 1, 11)
        )
        late_b = self._complete_at(self._riyadh(2026, 3, 1, 10), beneficiary=self.beneficiary_b)
        on_time = self._complete_at(self._riyadh(2026, 3, 15, 10))
        self._run_cron(self._riyadh(2026, 3, 23, 10))  # one working day late: the first rung only
        [summary_a] = self._summaries(user=self.officer_a)
        [summary_b] = self._summaries(user=self.officer_b)
        self.assertEqual(self._summaries(), summary_a | summary_b)
        self.assertEqual((summary_a | summary_b).mapped("res_id"), [self.ladder[0].id] * 2)
        self.assertEqual(self._listed(summary_a), late_a)
        self.assertEqual(self._listed(summary_b), late_b)
        self.assertIn("(2)", summary_a.summary)
        for request in late_a:
            self.assertIn(request.name, summary_a.note)
        self.assertNotIn(late_b.name, summary_a.note)
        self.assertNotIn(on_time.name, summary_a.note + summary_b.note)
        self.assertEqual(summary_a.date_deadline, datetime.date(2026, 3, 23))
        self.assertFalse((late_a | late_b).activity_ids)
        for request in late_a | late_b:
            [message] = request.message_ids.filtered(lambda m: "has passed" in (m.body or ""))
            self.assertIn("(level 1)", message.body, "the breach and the first rung in one message")
        # the same pass again: nothing new
        self._run_cron(self._riyadh(2026, 3, 23, 11))
        self.assertEqual(self._summaries(), summary_a | summary_b)
        # two working days late: the committee chair gets one summary for all three
        self._run_cron(self._riyadh(2026, 3, 24, 17))
        [chair] = self._summaries(level=self.ladder[1])
        self.assertEqual(chair.user_id, self.committee_user)
        self.assertEqual(self._listed(chair), late_a | late_b)

    def test_cancelled_after_the_breach_climbs_no_further(self):
        request = self._complete_at(self._riyadh(2026, 3, 1, 10))
        request.action_refer()
        self._run_cron(self._riyadh(2026, 3, 23, 10))  # breached, first rung
        self.assertEqual((request.sla_status, request.escalation_level), ("breached", 1))
        request.action_cancel()
        self._run_cron(self._riyadh(2026, 5, 1, 10))
        self.assertEqual(request.escalation_level, 1, "a cancelled request is not escalated any more")
        self.assertEqual(request.sla_status, "breached", "its breach stays on record")
        self.assertFalse(self._summaries(level=self.ladder[1]))

    def test_decided_or_paused_requests_are_not_escalated(self):
        decided = self._complete_at(self._riyadh(2026, 3, 1, 10))
        decided.action_refer()
        with freeze_time(self._riyadh(2026, 3, 10, 10)):
            decided.with_user(self.committee_user).action_accept()
        self.company.beneficiary_sla_hold = "pause"
        paused = self._complete_at(self._riyadh(2026, 3, 1, 10))
        with freeze_time(self._riyadh(2026, 3, 2, 10)):
            paused.action_hold()
        self._run_cron(self._riyadh(2026, 5, 1, 10))
        self.assertEqual(decided.sla_status, "met")
        self.assertEqual(paused.sla_status, "on_hold")
        self.assertFalse(self._breach_messages(decided | paused))
        self.assertEqual((decided | paused).mapped("escalation_level"), [0, 0])

    def test_cron_reports_progress_in_batches(self):
        requests = self._complete_at(self._riyadh(2026, 3, 1, 10))
        requests |= self._complete_at(self._riyadh(2026, 3, 1, 10), beneficiary=self.beneficiary_b)
        cron = self.env.ref("beneficiary_relations.ir_cron_service_request_sla")
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id, "remaining": 0, "done": 0})
        with freeze_time(self._riyadh(2026, 3, 23, 10)):
            self.Request.with_context(ir_cron_progress_id=progress.id)._cron_check_sla(batch_size=1)
        self.assertEqual(progress.done, 1)
        self.assertGreater(progress.remaining, 0, "Odoo calls the job again for the rest")
        self.assertEqual(sorted(requests.mapped("sla_status")), ["breached", "on_track"])
        self._run_cron(self._riyadh(2026, 3, 23, 10), times=1)
        self.assertEqual(requests.mapped("sla_status"), ["breached", "breached"])

    # ------------------------------------------------------------------ access
    def test_request_visibility_per_role(self):
        mine = self._new_request()
        other = self._new_request(beneficiary=self.beneficiary_b)
        referred = self._bring_to(self._new_request(), "in_review")
        self.assertEqual(
            self.Request.with_user(self.officer_a).search([("id", "in", (mine | other | referred).ids)]),
            mine | referred,
        )
        with self.assertRaises(AccessError):
            other.with_user(self.officer_a).read(["name"])
        with self.assertRaises(AccessError):
            self._new_request(beneficiary=self.beneficiary_b, user=self.officer_a)
        # the committee sees only what was referred to it
        self.assertEqual(self.Request.with_user(self.committee_user).search([]), referred)
        self.assertFalse(self.Request.with_user(self.committee_user_2).search([]))
        self.assertEqual(
            self.Beneficiary.with_user(self.committee_user).search([]),
            self.beneficiary_a,
            "committee members read the files of the requests referred to them",
        )
        # portal users see their own requests only
        portal_a = self._make_portal_user(self.beneficiary_a, "t_portal_req_a")
        self.assertEqual(self.Request.with_user(portal_a).search([]), mine | referred)
        with self.assertRaises(AccessError):
            other.with_user(portal_a).read(["name"])
        with self.assertRaises(AccessError):
            mine.with_user(portal_a).write({"description": "<p>changed</p>"})
        with self.assertRaises(AccessError):
            self.Request.with_user(self.internal_user).search([])
