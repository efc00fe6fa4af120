import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common_request import ServiceRequestCase


def riyadh(year, month, day, hour=10):
    """Naive UTC for a Riyadh wall-clock time (UTC+3)."""
    return datetime.datetime(year, month, day, hour) - datetime.timedelta(hours=3)


@tagged("post_install", "-at_install")
class TestPolicyPreset(ServiceRequestCase):
    """An association set up by *Start from a Policy Model* runs by the deadlines its
    policy states, for each of the three families of policies."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a service of the association, not yet referred to any committee, promising
        # the module's old default (15 working days)
        cls.preset_service = cls.env["beneficiary.service.type"].create(
            {"name": "Educational support", "sla_days": 15, "declaration_required": False}
        )

    def _run_preset(self, family, user=None, **vals):
        wizard = (
            self.env["beneficiary.policy.preset"]
            .with_user(user or self.manager)
            .create(dict({"family": family, "association_name": "Ratel", "region": "Riyadh"}, **vals))
        )
        wizard._onchange_family()
        if vals.get("deciding_kind"):
            wizard.deciding_kind = vals["deciding_kind"]
        action = wizard.action_apply()
        return self.env["beneficiary.policy"].browse(action["res_id"])

    def _deciding(self, kind):
        committee = self.env["beneficiary.committee"].search(
            [("company_id", "=", self.company.id), ("kind", "=", kind)], limit=1
        )
        committee.write({"chair_id": self.committee_user.id})
        return committee

    def _local_day(self, value):
        return self.company._beneficiary_local_date(value)

    def _request_flow(self, completed_at, decided_at, days):
        """Intake to delivery: the deadline is ``days`` after completion as the policy
        states it, the decision is in time, registration and delivery follow."""
        with freeze_time(completed_at):
            request = self._bring_to(self._new_request(service_type_id=self.preset_service.id), "complete")
        self.assertEqual(request.sla_days, days)
        with freeze_time(decided_at):
            request.action_refer()
            request.with_user(self.committee_user).action_accept()
            request.action_register()
            request.action_deliver()
        self.assertEqual(request.state, "delivered")
        self.assertEqual(request.sla_status, "met")
        return request

    def _complaint_flow(self, received_at, closed_at):
        category = self.env["beneficiary.complaint.category"].search(
            [("company_id", "=", self.company.id), ("kind", "=", "complaint")], limit=1
        )
        self.assertEqual(category.committee_id.kind, "follow_up")
        with freeze_time(received_at):
            complaint = self.env["beneficiary.complaint"].create(
                {
                    "subject": "Late aid",
                    "category_id": category.id,
                    "channel_id": self.channel_phone.id,
                    "beneficiary_id": self.beneficiary_a.id,
                }
            )
            complaint.action_acknowledge()
        with freeze_time(closed_at):
            complaint.resolution = "<p>Aid delivered the next day.</p>"
            complaint.action_resolve()
            complaint.action_close()
        self.assertEqual(complaint.state, "closed")
        self.assertEqual(complaint.sla_status, "met")
        self.assertLessEqual(complaint.sla_working_days_used, category.sla_days)

    # ------------------------------------------------------------------ the three families
    def test_template_two_weeks_as_ten_working_days(self):
        policy = self._run_preset("template", deciding_kind="social_research")
        committee = self.env["beneficiary.committee"].search(
            [("company_id", "=", self.company.id), ("kind", "=", "social_research")]
        )
        self.assertEqual(self.preset_service.committee_id, committee, "the service goes to the committee")
        self.assertEqual(self.company.beneficiary_sla_days, 10)
        self.assertFalse(self.company.beneficiary_sla_calendar_days)
        self.assertEqual(self.preset_service.sla_days, 10, "brought within the policy's deadline")
        self.assertEqual(policy.state, "draft")
        self.assertIn("Ratel", policy.name)
        self.assertIn("10 working days", policy.content_html, "the policy prints what is enforced")
        codes = set(policy.channel_ids.mapped("code"))
        self.assertTrue({"help_request", "volunteering", "branch_office"} <= codes)
        self.assertEqual(
            len(self.env["beneficiary.escalation.level"].search([("company_id", "=", self.company.id)])), 3
        )
        self._deciding("social_research")
        # complete on Sunday 1 March: 10 working days end on Sunday 15 March
        request = self._request_flow(riyadh(2026, 3, 1), riyadh(2026, 3, 12), 10)
        self.assertEqual(self._local_day(request.sla_deadline), datetime.date(2026, 3, 15))
        self._complaint_flow(riyadh(2026, 3, 1), riyadh(2026, 3, 10))

    def test_template_two_weeks_as_fourteen_days(self):
        policy = self._run_preset("template", calendar_days=True)
        self.assertEqual(self.company.beneficiary_sla_days, 14)
        self.assertTrue(self.company.beneficiary_sla_calendar_days)
        self.assertIn("14 days", policy.content_html)
        self.assertNotIn("working days", policy.response_days_text)
        self._deciding("educational_affairs")
        # 14 days from Sunday 1 March, weekends included: Sunday 15 March
        request = self._request_flow(riyadh(2026, 3, 1), riyadh(2026, 3, 14), 14)
        self.assertEqual(self._local_day(request.sla_deadline), datetime.date(2026, 3, 15))
        self.assertEqual(request.sla_working_days_used, 13, "counted in days")
        self._complaint_flow(riyadh(2026, 3, 1), riyadh(2026, 3, 10))

    def test_rosokh_competent_unit(self):
        policy = self._run_preset("rosokh")
        unit = self._deciding("competent_unit")
        self.assertEqual(self.preset_service.committee_id, unit)
        self.assertEqual(self.company.beneficiary_sla_days, 10)
        self.assertTrue(policy.compensation and policy.information and policy.ethics_code)
        self.assertIn("fax", policy.channel_ids.mapped("code"))
        self.assertTrue(
            self.env["beneficiary.committee"].search_count(
                [("company_id", "=", self.company.id), ("kind", "=", "investigation")]
            )
        )
        self._request_flow(riyadh(2026, 3, 1), riyadh(2026, 3, 15), 10)
        self._complaint_flow(riyadh(2026, 3, 1), riyadh(2026, 3, 12))

    def test_samtah_cap_from_completion(self):
        policy = self._run_preset("samtah")
        self._deciding("competent_unit")
        self.assertEqual(self.company.beneficiary_sla_days, 15)
        self.assertEqual(self.company.beneficiary_sla_hold, "restart")
        self.assertTrue(self.company.beneficiary_policy_signature_required)
        self.assertIn("15 working days", policy.content_html)
        with freeze_time(riyadh(2026, 3, 1)):
            request = self._bring_to(self._new_request(service_type_id=self.preset_service.id), "in_review")
        # waiting for the beneficiary after completion: back to incomplete, no clock
        with freeze_time(riyadh(2026, 3, 10)):
            request.action_hold()
        self.assertEqual(request.state, "submitted")
        self.assertFalse(request.sla_status)
        self.assertFalse(request.date_complete)
        # complete again on Sunday 22 March: 15 working days from then, not from 1 March
        with freeze_time(riyadh(2026, 3, 22)):
            request.action_complete()
        self.assertEqual(self._local_day(request.sla_deadline), datetime.date(2026, 4, 12))
        with freeze_time(riyadh(2026, 4, 9)):
            request.action_refer()
            request.with_user(self.committee_user).action_accept()
            request.action_register()
            request.action_deliver()
        self.assertEqual(request.sla_status, "met")
        self.assertLessEqual(request.sla_working_days_used, 15, "the cap holds from completion")
        self._complaint_flow(riyadh(2026, 3, 1), riyadh(2026, 3, 12))

    def test_pause_only_when_the_association_says_so(self):
        self._run_preset("samtah")
        self.company.beneficiary_sla_hold = "pause"
        self._deciding("competent_unit")
        with freeze_time(riyadh(2026, 3, 1)):
            request = self._bring_to(self._new_request(service_type_id=self.preset_service.id), "complete")
        with freeze_time(riyadh(2026, 3, 10)):
            request.action_hold()
        self.assertEqual(request.state, "complete")
        self.assertEqual(request.sla_status, "on_hold")

    # ------------------------------------------------------------------ idempotent, editable
    def test_running_twice_changes_nothing(self):
        policy = self._run_preset("rosokh")
        committee = self._deciding("competent_unit")
        committee.name = "Services Unit"
        category = self.env["beneficiary.complaint.category"].search(
            [("company_id", "=", self.company.id)], limit=1
        )
        category.sla_days = 7
        policy.introduction = "<p>Our own words.</p>"

        def snapshot():
            domain = [("company_id", "=", self.company.id)]
            return {
                model: self.env[model].with_context(active_test=False).search(domain).ids
                for model in (
                    "beneficiary.committee",
                    "beneficiary.escalation.level",
                    "beneficiary.complaint.category",
                    "beneficiary.policy",
                    "beneficiary.service.type",
                )
            }

        before = snapshot()
        again = self._run_preset("rosokh")
        self.assertEqual(snapshot(), before, "nothing created the second time")
        self.assertEqual(again, policy, "the existing policy is opened")
        self.assertEqual(committee.name, "Services Unit")
        self.assertEqual(category.sla_days, 7)
        self.assertIn("Our own words.", policy.introduction)

    def test_only_managers_run_it(self):
        with self.assertRaises(AccessError):
            self.env["beneficiary.policy.preset"].with_user(self.officer_a).create({"family": "template"})
        wizard = self.env["beneficiary.policy.preset"].create({"family": "template", "association_name": "X"})
        with self.assertRaises(AccessError):
            wizard.with_user(self.officer_a).action_apply()
        self.assertFalse(self.env["beneficiary.policy"].search([("company_id", "=", self.company.id)]))

    # ------------------------------------------------------------------ one source of truth
    def test_service_type_cannot_exceed_the_policy(self):
        self.company.beneficiary_sla_days = 15
        with self.assertRaisesRegex(ValidationError, "exceeds the one of the association's policy"):
            self.env["beneficiary.service.type"].create({"name": "Slow service", "sla_days": 16})
        with self.assertRaisesRegex(ValidationError, "exceeds"):
            self.company.beneficiary_sla_days = 10
        self._activate_arabic()
        with self.assertRaisesRegex(ValidationError, "سياسة"):
            self.env["beneficiary.service.type"].with_context(lang="ar_001").create(
                {"name": "Slow service", "sla_days": 16}
            )

    # ------------------------------------------------------------------ after the decision
    def test_registration_and_delivery_deadlines_escalate(self):
        self._run_preset("template")
        self._deciding("educational_affairs")
        self.assertEqual((self.preset_service.registration_days, self.preset_service.delivery_days), (5, 10))
        with freeze_time(riyadh(2026, 3, 1)):
            request = self._bring_to(self._new_request(service_type_id=self.preset_service.id), "accepted")
        # 5 working days after Sunday 1 March: Sunday 8 March
        self.assertEqual(self._local_day(request.followup_deadline), datetime.date(2026, 3, 8))
        with freeze_time(riyadh(2026, 3, 8, 12)):
            self.Request._cron_check_sla()
        self.assertEqual(request.followup_escalation_level, 0, "not passed yet")
        # Monday 9 March: passed, the first rung (0 days) only
        with freeze_time(riyadh(2026, 3, 9, 12)):
            self.Request._cron_check_sla()
            self.Request._cron_check_sla()
        self.assertEqual(request.followup_escalation_level, 1)
        messages = request.message_ids.filtered(lambda m: "registration deadline" in (m.body or ""))
        self.assertEqual(len(messages), 1, "escalated once")
        todos = self.env["mail.activity"].search(
            [("res_model", "=", "beneficiary.escalation.level"), ("user_id", "=", request.liaison_user_id.id)]
        )
        self.assertTrue(todos, "the liaison officer is told, as for a response deadline")
        # 17 March: 6 working days late, the management rung
        with freeze_time(riyadh(2026, 3, 17, 12)):
            self.Request._cron_check_sla()
        self.assertEqual(request.followup_escalation_level, 3)
        with freeze_time(riyadh(2026, 3, 18)):
            request.action_register()
        self.assertEqual(request.followup_escalation_level, 0, "the delivery has its own clock")
        self.assertEqual(self._local_day(request.followup_deadline), datetime.date(2026, 4, 1))
        with freeze_time(riyadh(2026, 3, 25)):
            request.action_deliver()
            self.Request._cron_check_sla()
        self.assertFalse(request.followup_deadline)
        self.assertEqual(request.followup_escalation_level, 0)
