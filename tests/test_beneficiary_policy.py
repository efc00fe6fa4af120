from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import BeneficiaryCase

ACTIVITY = "beneficiary_relations.mail_activity_type_policy_acknowledgment"
G = "beneficiary_relations.group_"


class PolicyFixtures:
    """An association of its own (a company nobody else works in) with one user per role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._activate_arabic()
        cls.association = cls.env["res.company"].create(
            {"name": "Association of the Test", "beneficiary_sla_days": 15}
        )
        # its staff work in it alone: `with_company` must not add the fixtures' company
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.association.ids))
        cls.Policy = cls.env["beneficiary.policy"]
        staff = {
            "p_officer": f"base.group_user,{G}liaison_officer",
            "p_committee": f"base.group_user,{G}committee_member",
            "p_accountant": f"base.group_user,{G}compensation_accountant",
            "p_manager": f"base.group_user,{G}manager",
        }
        cls.staff = cls.env["res.users"]
        for login, groups in staff.items():
            user = new_test_user(
                cls.env,
                login,
                groups=groups,
                company_id=cls.association.id,
                company_ids=[(6, 0, cls.association.ids)],
            )
            setattr(cls, login, user)
            cls.staff |= user
        # not expected to acknowledge: an employee outside the module, a portal user
        cls.p_plain = new_test_user(
            cls.env,
            "p_plain",
            groups="base.group_user",
            company_id=cls.association.id,
            company_ids=[(6, 0, cls.association.ids)],
        )
        cls.p_portal = new_test_user(
            cls.env,
            "p_portal",
            groups="base.group_portal",
            company_id=cls.association.id,
            company_ids=[(6, 0, cls.association.ids)],
        )

    def _policy(self, **vals):
        values = {
            "company_id": self.association.id,
            "introduction": "<p>Introduction of the test policy.</p>",
            "approval_date": "2025-07-13",
            "board_session": "8",
            "board_chair": "Eng. Mustafa Al-Wafi",
        }
        values.update(vals)
        return self.Policy.with_company(self.association).create(values)

    def _approved(self, **vals):
        policy = self._policy(**vals)
        policy.with_user(self.p_manager).with_company(self.association).action_approve()
        return policy


@tagged("post_install", "-at_install")
class TestBeneficiaryPolicy(PolicyFixtures, BeneficiaryCase):
    # ------------------------------------------------------------------ versions
    def test_versions_are_numbered_per_company(self):
        first = self._policy()
        second = self._policy()
        other_company = self.env["res.company"].create({"name": "Another Association"})
        elsewhere = self.Policy.create([{"company_id": other_company.id}, {"company_id": other_company.id}])
        self.assertEqual((first.version, second.version), (1, 2))
        self.assertEqual(elsewhere.mapped("version"), [1, 2])
        self.assertEqual(
            second.with_context(lang="en_US").display_name, "Beneficiary Relationship Policy (version 2)"
        )

    def test_approval_supersedes_the_current_version(self):
        other_company_policy = self.Policy.create(
            {"company_id": self.company.id, "approval_date": "2024-01-01"}
        )
        other_company_policy.action_approve()
        first = self._approved()
        self.assertEqual(first.state, "approved")
        self.assertEqual(first.approved_by_id, self.p_manager)
        self.assertEqual(self.Policy._get_current(self.association), first)
        second = self._approved(approval_date="2026-01-04")
        self.assertEqual(first.state, "superseded")
        self.assertEqual(second.state, "approved")
        self.assertEqual(self.Policy._get_current(self.association), second)
        self.assertEqual(other_company_policy.state, "approved", "another company's policy stays current")
        with self.assertRaisesRegex(ValidationError, "already has a current policy"), self.env.cr.savepoint():
            first.write({"state": "approved"})

    def test_approval_needs_a_past_board_date_and_a_manager(self):
        policy = self._policy(approval_date=False)
        with self.assertRaisesRegex(UserError, "date of the board meeting"):
            policy.with_user(self.p_manager).with_company(self.association).action_approve()
        with freeze_time("2025-07-12"):
            policy.approval_date = "2025-07-13"
            with self.assertRaisesRegex(UserError, "future"):
                policy.with_user(self.p_manager).with_company(self.association).action_approve()
        for user in (self.p_officer, self.p_committee, self.p_accountant):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                policy.with_user(user).with_company(self.association).action_approve()
        self.assertEqual(policy.state, "draft")
        with self.assertRaises(AccessError):
            policy.with_user(self.p_officer).with_company(self.association).write(
                {"introduction": "<p>x</p>"}
            )

    def test_approved_version_is_frozen_and_copied_into_a_new_draft(self):
        policy = self._approved(
            section_ids=[(0, 0, {"name": "Definitions", "body": "<p>Beneficiary: ...</p>"})]
        )
        with self.assertRaisesRegex(UserError, "Create a new version"):
            policy.introduction = "<p>Changed after approval</p>"
        with self.assertRaisesRegex(UserError, "Create a new version"):
            policy.section_ids.body = "<p>Changed after approval</p>"
        with self.assertRaisesRegex(UserError, "kept for the record and cannot be deleted"):
            policy.unlink()
        action = policy.action_new_version()
        draft = self.Policy.browse(action["res_id"])
        self.assertEqual(draft.state, "draft")
        self.assertEqual(draft.version, policy.version + 1)
        self.assertEqual(draft.introduction, policy.introduction)
        self.assertEqual(draft.channel_ids, policy.channel_ids)
        self.assertEqual(draft.section_ids.mapped("name"), ["Definitions"])
        self.assertFalse(draft.approval_date, "the board approves the new version on its own date")
        draft.introduction = "<p>New wording</p>"
        self.assertEqual(policy.introduction, "<p>Introduction of the test policy.</p>")

    def test_html_sections_are_sanitized(self):
        policy = self._policy(handling="<p>Receive the beneficiary<script>alert(1)</script></p>")
        self.assertNotIn("<script", policy.handling)
        self.assertIn("Receive the beneficiary", policy.handling)

    # ------------------------------------------------------------------ content
    def test_deadline_comes_from_the_settings(self):
        policy = self._approved()
        self.assertEqual(policy.response_days, 15)
        self.assertIn(">15<", policy.content_html)
        self.association.beneficiary_sla_days = 10
        self.assertEqual(policy.response_days, 10, "the current policy says what the module does")
        self.assertIn(">10<", policy.content_html)
        newer = self._approved(approval_date="2026-01-04")
        self.association.beneficiary_sla_days = 20
        self.assertEqual(newer.response_days, 20)
        self.assertEqual(policy.response_days, 10, "a superseded version keeps what it published")

    def test_channels_come_from_the_channel_records(self):
        interview = self.env.ref("beneficiary_relations.channel_interview")
        fax = self.env.ref("beneficiary_relations.channel_fax")
        whatsapp = self.env.ref("beneficiary_relations.channel_whatsapp")
        default = self._policy()
        self.assertEqual(
            default.channel_ids, self.env["beneficiary.channel"].search([]), "all active channels by default"
        )
        policy = self._policy(channel_ids=[(6, 0, (whatsapp | fax | interview).ids)])
        blocks = policy._get_content_values()["blocks"]
        channels = next(block for block in blocks if block["kind"] == "channels")["channels"]
        self.assertEqual(channels, interview | fax | whatsapp, "in the order of the channel records")
        fax.active = False
        self.assertNotIn("Fax", policy.with_context(lang="en_US").content_html)
        self.assertIn("WhatsApp", policy.with_context(lang="en_US").content_html)

    def test_empty_sections_are_left_out_and_order_follows_the_document(self):
        policy = self._policy(tools="<p>The services guide</p>", compensation="<p><br></p>")
        headings = [
            block["heading"] for block in policy.with_context(lang="en_US")._get_content_values()["blocks"]
        ]
        self.assertEqual(
            headings,
            ["Introduction", "Communication Channels", "Tools Available to Staff", "Response Deadline"],
        )

    def test_approval_date_in_hijri(self):
        policy = self._policy()
        self.assertEqual(policy.with_context(lang="en_US").approval_date_hijri, "18 Muharram 1447 AH")
        self.assertEqual(policy.with_context(lang="ar_001").approval_date_hijri, "18 محرم 1447 هـ")
        values = policy._get_content_values()
        self.assertEqual((values["gregorian_date"], values["hijri_date"]), ("13/07/2025", "18/01/1447"))

    # ------------------------------------------------------------------ acknowledgment
    def test_acknowledgment_coverage_and_reset_with_a_new_version(self):
        policy = self._approved()
        self.assertEqual(policy.expected_count, len(self.staff))
        self.assertEqual(
            policy.pending_user_ids, self.staff, "plain employees and portal users are not expected"
        )
        for user in (self.p_officer, self.p_manager):
            policy.with_user(user).with_company(self.association)._acknowledge()
        policy.invalidate_recordset()
        self.assertEqual((policy.acknowledged_count, policy.expected_count), (2, 4))
        self.assertEqual(policy.acknowledgment_rate, 50.0)
        self.assertEqual(policy.pending_user_ids, self.p_committee | self.p_accountant)
        self.assertTrue(policy.with_user(self.p_officer).is_acknowledged_by_me)
        self.assertFalse(policy.with_user(self.p_committee).is_acknowledged_by_me)

        newer = self._approved(approval_date="2026-01-04")
        self.assertEqual(
            (newer.acknowledged_count, newer.expected_count), (0, 4), "a new version asks everyone again"
        )
        self.assertFalse(newer.with_user(self.p_officer).is_acknowledged_by_me)
        self.assertEqual(policy.acknowledged_count, 2, "the old version keeps its acknowledgments")
        with self.assertRaisesRegex(ValidationError, "Only the current policy"):
            self.env["beneficiary.policy.acknowledgment"].create(
                {"policy_id": policy.id, "user_id": self.p_committee.id}
            )

        # a new staff member is expected as soon as they join a group of the module
        self.p_plain.groups_id = [(4, self.env.ref(f"{G}sensitive_data").id)]
        newer.invalidate_recordset()
        self.assertEqual(newer.expected_count, 5)

    def test_acknowledge_through_the_wizard_with_a_signature(self):
        policy = self._approved()
        signature = (
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
        )
        officer_policy = policy.with_user(self.p_officer).with_company(self.association)
        action = officer_policy.action_open_acknowledge()
        wizard_form = Form(
            self.env[action["res_model"]].with_user(self.p_officer).with_context(**action["context"])
        )
        wizard_form.signature = signature
        wizard_form.save().action_confirm()
        acknowledgment = policy.acknowledgment_ids
        self.assertEqual(acknowledgment.user_id, self.p_officer)
        self.assertTrue(acknowledgment.signature)
        self.assertTrue(acknowledgment.date)
        with self.assertRaisesRegex(UserError, "already acknowledged"):
            officer_policy.invalidate_recordset()
            officer_policy.action_open_acknowledge()
        # staff record their own acknowledgment only, and only see their own
        with self.assertRaises(AccessError):
            self.env["beneficiary.policy.acknowledgment"].with_user(self.p_committee).with_company(
                self.association
            ).create({"policy_id": policy.id, "user_id": self.p_accountant.id})
        self.assertFalse(
            self.env["beneficiary.policy.acknowledgment"]
            .with_user(self.p_committee)
            .with_company(self.association)
            .search([])
        )
        self.assertEqual(
            self.env["beneficiary.policy.acknowledgment"]
            .with_user(self.p_manager)
            .with_company(self.association)
            .search([]),
            acknowledgment,
        )

    def test_draft_cannot_be_acknowledged(self):
        draft = self._policy()
        with self.assertRaisesRegex(UserError, "Only the current policy"):
            draft.with_user(self.p_manager).with_company(self.association)._acknowledge()

    @freeze_time("2025-08-01")
    def test_cron_reminds_each_pending_user_once(self):
        policy = self._approved()
        policy.with_user(self.p_officer).with_company(self.association)._acknowledge()
        Activity = self.env["mail.activity"]
        domain = [
            ("res_model", "=", "beneficiary.policy"),
            ("activity_type_id", "=", self.env.ref(ACTIVITY).id),
        ]

        def reminded(record):
            return Activity.search([*domain, ("res_id", "=", record.id)]).user_id

        before = Activity.search_count(domain)
        self.Policy._cron_remind_acknowledgment(batch_size=2)
        self.assertEqual(Activity.search_count(domain), before + 2, "one batch at a time")
        self.Policy._cron_remind_acknowledgment()
        self.Policy._cron_remind_acknowledgment()
        activities = Activity.search([*domain, ("res_id", "=", policy.id), ("user_id", "in", self.staff.ids)])
        self.assertEqual(activities.user_id, self.p_committee | self.p_accountant | self.p_manager)
        self.assertEqual(len(activities), 3, "no second reminder for the same version")
        self.assertEqual(set(activities.mapped("date_deadline")), {date(2025, 8, 1)})

        # acknowledging closes the reminder
        policy.with_user(self.p_committee).with_company(self.association)._acknowledge()
        self.assertNotIn(self.p_committee, reminded(policy))

        # a new version: the old reminders go, everybody is reminded again
        newer = self._approved(approval_date="2025-07-31")
        self.assertFalse(reminded(policy))
        self.Policy._cron_remind_acknowledgment()
        self.assertEqual(reminded(newer) & self.staff, self.staff)

    def test_our_policy_menu_opens_the_current_version(self):
        with self.assertRaisesRegex(UserError, "no approved beneficiary relationship policy"):
            self.Policy.with_user(self.p_officer).with_company(self.association).action_open_current()
        policy = self._approved()
        self._policy()  # a draft of the next version is not what staff read
        action = self.Policy.with_user(self.p_officer).with_company(self.association).action_open_current()
        self.assertEqual(action["res_id"], policy.id)
        self.assertEqual(
            action["views"][0][0], self.env.ref("beneficiary_relations.beneficiary_policy_view_form_read").id
        )

    # ------------------------------------------------------------------ access
    def test_drafts_are_hidden_from_portal_public_and_other_employees(self):
        current = self._approved()
        draft = self._policy()
        public = self.env.ref("base.public_user")
        for user in (self.p_portal, self.p_plain):
            with self.subTest(user=user.login):
                Policy = self.Policy.with_user(user).with_company(self.association)
                self.assertEqual(Policy.search([]), current)
                with self.assertRaises(AccessError):
                    draft.with_user(user).with_company(self.association).read(["introduction"])
                with self.assertRaises(AccessError):
                    current.with_user(user).with_company(self.association).write({"name": "x"})
        # the public user sees the current policy of its own company only
        public_companies = {"allowed_company_ids": public.company_id.ids}
        own_current = self.Policy._get_current(public.company_id)
        self.assertEqual(
            self.Policy.with_user(public).with_context(**public_companies).search([]), own_current
        )
        with self.assertRaises(AccessError):
            current.with_user(public).with_context(**public_companies).read(["introduction"])
        # the module's staff read every version; only managers change them
        self.assertEqual(
            self.Policy.with_user(self.p_committee).with_company(self.association).search([]), current | draft
        )
        with self.assertRaises(AccessError):
            draft.with_user(self.p_officer).with_company(self.association).write({"name": "x"})
        draft.with_user(self.p_manager).with_company(self.association).write({"name": "Revised"})
        self.assertEqual(draft.name, "Revised")
        # another association's staff see nothing of it
        self.assertFalse(
            self.Policy.with_user(self.officer_a)
            .with_context(allowed_company_ids=self.officer_a.company_ids.ids)
            .search([("id", "in", (current | draft).ids)])
        )
