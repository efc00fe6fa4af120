"""Every arrival has an owner at once (issue 15, COVERAGE E3, E4, G5, H7): the shipped
follow-up and investigation committees, the acknowledgement and the to-do on arrival
whatever brought the complaint, inquiries to the liaison officer, and the officer stored
on requests and complaints."""

import importlib.util
import pathlib
from email.message import EmailMessage

from freezegun import freeze_time

from odoo import Command
from odoo.tests import new_test_user, tagged

from .common_request import ServiceRequestCase, ServiceRequestHttpCase
from .test_portal_isolation import CSRF_RE

TODO = "mail.mail_activity_data_todo"


class RoutingFixtures:
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Complaint = cls.env["beneficiary.complaint"]
        cls.follow_up = cls.env["beneficiary.committee"]._beneficiary_company_committee(
            cls.company, "follow_up"
        )
        cls.follow_up.write(
            {
                "chair_id": cls.committee_user_2.id,
                "member_ids": [Command.set((cls.committee_user_2 | cls.committee_user).ids)],
            }
        )
        cls.category_complaint = cls.env["beneficiary.complaint.category"].create(
            {"name": "Service quality", "kind": "complaint", "sla_days": 10, "committee_id": cls.follow_up.id}
        )
        cls.category_inquiry = cls.env["beneficiary.complaint.category"].create(
            {"name": "Question", "kind": "inquiry", "sla_days": 3, "committee_id": cls.follow_up.id}
        )
        cls.category_support = cls.env["beneficiary.complaint.category"].create(
            {
                "name": "Portal help",
                "kind": "technical_support",
                "sla_days": 2,
                "committee_id": cls.follow_up.id,
                "user_id": cls.officer_b.id,
            }
        )
        cls.channel_sms = cls.env.ref("beneficiary_relations.channel_sms")

    def _todos(self, record):
        return record.activity_ids.filtered(lambda a: a.activity_type_id == self.env.ref(TODO))

    def _assert_arrived(self, complaint, owner):
        """Acknowledged with its deadline running, and a to-do for ``owner`` due on it."""
        self.assertEqual(complaint.state, "acknowledged")
        self.assertTrue(complaint.sla_deadline)
        todos = self._todos(complaint)
        self.assertEqual(todos.user_id, owner)
        self.assertEqual(
            todos.date_deadline, complaint._sla_company()._beneficiary_local_date(complaint.sla_deadline)
        )
        self.assertIn(complaint.name, todos.summary)


@tagged("post_install", "-at_install")
class TestShippedCommittees(RoutingFixtures, ServiceRequestCase):
    def test_each_company_gets_its_committees(self):
        Committee = self.env["beneficiary.committee"]
        self.assertEqual(self.follow_up.company_id, self.company, "made with the test company")
        investigation = Committee._beneficiary_company_committee(self.company, "investigation")
        self.assertEqual(investigation.name, "Investigation Committee")
        main = self.env.ref("base.main_company")
        self.assertEqual(self.env.ref("beneficiary_relations.committee_follow_up").company_id, main)
        self.assertEqual(self.env.ref("beneficiary_relations.committee_investigation").kind, "investigation")
        # an existing company without them (the module installed or upgraded): they are made
        # once, and its complaint categories without committee point to the follow-up one
        other = self.env["res.company"].create({"name": "جمعية أخرى"})
        Committee.with_context(active_test=False).search([("company_id", "=", other.id)]).unlink()
        categories = self.env["beneficiary.complaint.category"].create(
            [
                {"name": "Complaint", "company_id": other.id},
                {"name": "Inquiry", "kind": "inquiry", "company_id": other.id},
                {
                    "name": "Own",
                    "company_id": other.id,
                    "committee_id": Committee.create(
                        {"name": "Board", "kind": "other", "company_id": other.id}
                    ).id,
                },
            ]
        )
        Committee._beneficiary_create_all_company_committees()
        made = Committee.search(
            [("company_id", "=", other.id), ("kind", "in", ("follow_up", "investigation"))]
        )
        self.assertEqual(sorted(made.mapped("kind")), ["follow_up", "investigation"])
        follow_up = made.filtered(lambda c: c.kind == "follow_up")
        self.assertEqual(categories[:2].committee_id, follow_up)
        self.assertNotEqual(categories[2].committee_id, follow_up, "a category's own committee is kept")
        Committee._beneficiary_create_all_company_committees()
        self.assertEqual(Committee.search_count([("company_id", "=", other.id)]), 3, "made once")
        # an association's own follow-up committee, even archived, is not doubled
        follow_up.active = False
        Committee._beneficiary_create_all_company_committees()
        self.assertEqual(
            Committee.with_context(active_test=False).search_count([("company_id", "=", other.id)]), 3
        )

    def test_upgrade_from_18_0_1_0_0(self):
        """The migration of an 18.0.1.0.0 database: a company's own follow-up committee
        receives its categories without committee; the officer is copied from the file
        onto the records the update left without one."""
        path = (
            pathlib.Path(__file__).resolve().parent.parent / "migrations" / "18.0.1.1.0" / "post-routing.py"
        )
        spec = importlib.util.spec_from_file_location("post_reach_in", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        own = self.env["beneficiary.committee"].create(
            {"name": "Our follow-up", "kind": "follow_up", "sequence": 1}
        )
        self.follow_up.active = False  # as if the association had its own before the upgrade
        category = self.env["beneficiary.complaint.category"].create({"name": "Older category"})
        request = self._new_request()
        self.env.cr.execute(
            "UPDATE beneficiary_service_request SET liaison_user_id = NULL WHERE id = %s", [request.id]
        )
        migration.migrate(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertEqual(category.committee_id, own)
        self.assertEqual(request.liaison_user_id, self.officer_a)
        self.assertEqual(
            self.category_complaint.committee_id, self.follow_up, "a category's committee is kept"
        )

    def test_committees_are_named_in_arabic(self):
        self._activate_arabic()
        company = self.env["res.company"].create({"name": "جمعية البر"})
        follow_up = self.env["beneficiary.committee"]._beneficiary_company_committee(company, "follow_up")
        self.assertEqual(follow_up.with_context(lang="ar_001").name, "لجنة المتابعة")
        self.assertEqual(follow_up.with_context(lang="en_US").name, "Follow-up Committee")
        investigation = self.env["beneficiary.committee"]._beneficiary_company_committee(
            company, "investigation"
        )
        self.assertEqual(investigation.with_context(lang="ar_001").name, "لجنة التحقيق")

    def test_a_category_without_committee_reaches_the_follow_up_committee(self):
        category = self.env["beneficiary.complaint.category"].create({"name": "Other", "kind": "complaint"})
        complaint = self.Complaint.create(
            {
                "subject": "Rude answer",
                "category_id": category.id,
                "channel_id": self.channel_sms.id,
                "beneficiary_id": self.beneficiary_a.id,
            }
        )
        self.assertEqual(complaint.committee_id, self.follow_up)
        self._assert_arrived(complaint, self.committee_user_2)


@tagged("post_install", "-at_install")
class TestArrival(RoutingFixtures, ServiceRequestCase):
    """Each source of a complaint: acknowledged at once, and a to-do for its owner."""

    def _raw_email(self, email_from, subject, body):
        message = EmailMessage()
        message["From"] = email_from
        message["To"] = "complaints@example.com"
        message["Subject"] = subject
        message["Message-Id"] = f"<{abs(hash((email_from, subject)))}@example.com>"
        message.set_content(body)
        return message.as_string()

    @freeze_time("2026-03-01 07:00:00")
    def test_staff_entry(self):
        complaint = self.Complaint.with_user(self.officer_a).create(
            {
                "subject": "Basket late",
                "category_id": self.category_complaint.id,
                "channel_id": self.channel_sms.id,
                "beneficiary_id": self.beneficiary_a.id,
            }
        )
        self._assert_arrived(complaint, self.committee_user_2)
        acknowledgement = complaint.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertEqual(len(acknowledgement), 1, "the complainant is acknowledged")
        self.assertIn(self.beneficiary_a.partner_id, acknowledgement.partner_ids)
        self.assertIn(complaint.sla_deadline_display, acknowledgement.body)
        # acknowledging again (the button, the demo data) changes nothing
        complaint.action_acknowledge()
        self.assertEqual(len(complaint.message_ids.filtered(lambda m: m.message_type == "comment")), 1)
        self.assertEqual(len(self._todos(complaint)), 1)

    def test_email_alias(self):
        raw = self._raw_email("Fahad <fahad@example.com>", "Nobody answered", "I called three times.")
        complaint = self.Complaint.browse(
            self.env["mail.thread"].message_process("beneficiary.complaint", raw)
        )
        self.assertEqual(complaint.beneficiary_id, self.beneficiary_a)
        self.assertEqual(complaint.state, "acknowledged", "an e-mailed complaint is acknowledged too")
        self.assertEqual(complaint.category_id, self.category_complaint, "the first complaint category")
        self.assertEqual(self._todos(complaint).user_id, self.committee_user_2, "the chair has it at once")

    def test_email_alias_from_a_stranger_is_answered_by_mail(self):
        raw = self._raw_email("visitor@unknown.example", "Question", "When do you open?")
        complaint = self.Complaint.browse(
            self.env["mail.thread"].message_process("beneficiary.complaint", raw)
        )
        self.assertEqual(complaint.state, "acknowledged")
        mail = self.env["mail.mail"].search([("model", "=", complaint._name), ("res_id", "=", complaint.id)])
        self.assertEqual(mail.email_to, "visitor@unknown.example")
        self.assertIn(complaint.name, mail.body_html)

    def test_portal_and_public_page(self):
        portal = self.Complaint._portal_create(
            self.company,
            {"subject": "Late", "description": "Still waiting", "category_id": self.category_complaint.id},
            beneficiary=self.beneficiary_a,
            address="198.51.100.1",
        )
        self._assert_arrived(portal, self.committee_user_2)
        self.assertEqual(portal.channel_id, self.env.ref("beneficiary_relations.channel_portal"))
        public = self.Complaint.with_user(self.env.ref("base.public_user"))._portal_create(
            self.company,
            {
                "subject": "A question",
                "description": "When do you open?",
                "category_id": self.category_inquiry.id,
                "contact_name": "Visitor",
                "contact_mobile": "0551239876",
            },
            address="198.51.100.2",
        )
        # an inquiry without a beneficiary nor a user on its category: the committee's chair
        self._assert_arrived(public, self.committee_user_2)
        self.assertEqual(public.user_id, self.committee_user_2, "given to them, so they can answer it")

    def test_low_rating(self):
        self.company.beneficiary_low_rating_complaint = True
        self.company.beneficiary_low_rating_category_id = self.category_complaint
        rated = self.Complaint.create(
            {
                "subject": "Late basket",
                "category_id": self.category_inquiry.id,
                "channel_id": self.channel_sms.id,
                "beneficiary_id": self.beneficiary_a.id,
            }
        )
        rated.resolution = "<p>Delivered</p>"
        rated.action_resolve()
        rated.rating_apply(1, token=rated._portal_rating_token())
        follow_up = self.Complaint.search([("rated_complaint_id", "=", rated.id)])
        self._assert_arrived(follow_up, self.committee_user_2)

    def test_inquiries_go_to_the_liaison_officer(self):
        inquiry = self.Complaint.create(
            {
                "subject": "When is the next distribution?",
                "category_id": self.category_inquiry.id,
                "channel_id": self.channel_sms.id,
                "beneficiary_id": self.beneficiary_a.id,
            }
        )
        self.assertEqual(inquiry.liaison_user_id, self.officer_a)
        self._assert_arrived(inquiry, self.officer_a)
        self.assertEqual(inquiry.user_id, self.officer_a)
        # the user set on a category answers its questions, whoever asks
        support = self.Complaint.create(
            {
                "subject": "I cannot log in",
                "category_id": self.category_support.id,
                "channel_id": self.channel_sms.id,
                "beneficiary_id": self.beneficiary_a.id,
            }
        )
        self._assert_arrived(support, self.officer_b)
        self.assertTrue(support.with_user(self.officer_b).has_access("write"), "and may answer it")

    def test_a_committee_without_members_reaches_the_managers(self):
        self.follow_up.write({"chair_id": False, "member_ids": [Command.clear()]})
        complaint = self.Complaint.create(
            {
                "subject": "Basket late",
                "category_id": self.category_complaint.id,
                "channel_id": self.channel_sms.id,
                "beneficiary_id": self.beneficiary_a.id,
            }
        )
        self.assertIn(self.manager, self._todos(complaint).user_id)
        self.assertTrue(all(self.company in user.company_ids for user in self._todos(complaint).user_id))

    def test_the_chair_named_in_a_complaint_does_not_get_it(self):
        complaint = self.Complaint.create(
            {
                "subject": "The chair was rude",
                "category_id": self.category_complaint.id,
                "channel_id": self.channel_sms.id,
                "beneficiary_id": self.beneficiary_a.id,
                "staff_user_id": self.committee_user_2.id,
            }
        )
        self._assert_arrived(complaint, self.committee_user)

    def test_data_files_describe_what_happened(self):
        """Records created by the module's own code in a given state (demo data) are no
        arrival."""
        complaint = self.Complaint._workflow_create(
            [
                {
                    "subject": "Old complaint",
                    "category_id": self.category_complaint.id,
                    "channel_id": self.channel_sms.id,
                    "beneficiary_id": self.beneficiary_a.id,
                }
            ]
        )
        self.assertEqual(complaint.state, "new")
        self.assertFalse(complaint.activity_ids)


@tagged("post_install", "-at_install")
class TestLiaisonOfficerStored(RoutingFixtures, ServiceRequestCase):
    def _flush_tracking(self):
        self.env.flush_all()
        self.env.cr.precommit.run()

    def test_request_officer_from_category_and_service_domain(self):
        educational = self.service.copy({"name": "Tutoring", "domain_id": self.domain_edu.id})
        request = self._new_request()
        self.assertEqual(request.liaison_user_id, self.officer_a, "the category's officer")
        tutoring = self._new_request(service_type_id=educational.id)
        self.assertEqual(tutoring.liaison_user_id, self.researcher, "the officer of the category's domain")
        # a file whose officer was chosen by hand: its requests outside any domain follow it
        self.beneficiary_b.liaison_user_id = self.officer_a
        self.assertEqual(self._new_request(self.beneficiary_b).liaison_user_id, self.officer_a)
        # the request keeps its officer when the file's officer changes later
        self.beneficiary_a.liaison_user_id = self.officer_b
        self.assertEqual(request.liaison_user_id, self.officer_a)
        self.assertEqual(request._sla_responsible_user(), self.officer_a)

    def test_officer_changed_by_hand_is_tracked(self):
        request = self._new_request().with_context(tracking_disable=False)
        self._flush_tracking()  # a record is tracked from the end of its creation
        request.liaison_user_id = self.officer_b
        self._flush_tracking()
        tracked = request.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "liaison_user_id"
        )
        self.assertEqual(tracked.old_value_char, self.officer_a.name)
        self.assertEqual(tracked.new_value_char, self.officer_b.name)
        complaint = self.Complaint.create(
            {
                "subject": "Question",
                "category_id": self.category_inquiry.id,
                "channel_id": self.channel_sms.id,
                "beneficiary_id": self.beneficiary_a.id,
                "request_id": self._new_request(
                    service_type_id=self.service.copy(
                        {"name": "Tutoring", "domain_id": self.domain_edu.id}
                    ).id
                ).id,
            }
        )
        self.assertEqual(complaint.liaison_user_id, self.researcher, "the officer of the request's service")
        self._flush_tracking()
        complaint.with_context(tracking_disable=False).liaison_user_id = self.officer_a
        self._flush_tracking()
        self.assertIn(
            "liaison_user_id", complaint.message_ids.tracking_value_ids.field_id.mapped("name"), "tracked"
        )


@tagged("post_install", "-at_install")
class TestArrivalOnThePublicPage(ServiceRequestHttpCase):
    """The public page as a visitor uses it: the chair of the category's committee is
    told at once."""

    def test_public_complaint_reaches_the_chair(self):
        main = self.env.ref("base.main_company")
        chair = new_test_user(
            self.env,
            "t_main_chair",
            groups="base.group_user,beneficiary_relations.group_committee_member",
            company_id=main.id,
            company_ids=[Command.set(main.ids)],
        )
        committee = self.env["beneficiary.committee"].create(
            {"name": "Follow-up", "kind": "follow_up", "chair_id": chair.id, "company_id": main.id}
        )
        category = self.env.ref("beneficiary_relations.complaint_category_service")
        category.committee_id = committee
        csrf = CSRF_RE.search(self.url_open("/complaint").text).group(1)
        response = self.url_open(
            "/complaint",
            data={
                "csrf_token": csrf,
                "contact_name": "Visitor",
                "contact_email": "arrival@example.com",
                "category_id": category.id,
                "subject": "Hello",
                "description": "A complaint",
            },
        )
        self.assertEqual(response.status_code, 200)
        complaint = self.env["beneficiary.complaint"].search([("contact_email", "=", "arrival@example.com")])
        self.assertEqual(complaint.state, "acknowledged")
        self.assertEqual(complaint.activity_ids.user_id, chair)
