"""Two Odoo workers at the same time, with real database transactions.

These tests open their own cursors in threads (as two HTTP workers or two cron threads
would), so their data is committed: each test creates what it needs in a company of its
own and removes it afterwards."""

import contextlib
import datetime
import random
import re
import threading
import time
from unittest.mock import patch

from psycopg2 import OperationalError

import odoo
from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.service.model import PG_CONCURRENCY_ERRORS_TO_RETRY
from odoo.tests.common import BaseCase, get_db_name, new_test_user, tagged
from odoo.tools import SQL, mute_logger

from .common import make_id
from .common_request import ServiceRequestCase

TIMEOUT = 20


@tagged("post_install", "-at_install")
class TestConcurrency(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())

    def _env(self, cr):
        if cr.transaction is None:
            # not api.Environment's own lookup: Registry(dbname) waits for the registry
            # lock, which the test runner holds while the tests run
            cr.transaction = odoo.api.Transaction(self.registry)
        return odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})

    def _in_both_workers(self, work, users=(), count=2):
        """Run ``work(env)`` in two threads (``count`` when given; as ``users[i]`` when
        given, else as the superuser), each in its own transaction started before
        any commits, as workers answering at the same moment (retried on
        serialization failures as Odoo does for HTTP requests). Returns, per thread,
        ``None`` or the UserError message it got; a thread's transaction commits unless
        it failed. A thread that hangs fails the test instead of blocking the suite."""
        started = threading.Barrier(count, timeout=TIMEOUT)
        results = [Exception("did not finish")] * count

        def worker(index):
            try:
                with self.registry.cursor() as cr:
                    env = self._env(cr)
                    if users:
                        env = env(user=users[index])
                    env["res.users"].browse(env.uid).read(["login"])  # the transaction has begun
                    started.wait()
                    try:
                        self._retrying(work, env)
                        results[index] = None
                    except UserError as error:
                        cr.rollback()
                        results[index] = error.args[0]
            except Exception as error:  # reported by the test
                results[index] = error

        threads = [threading.Thread(target=worker, args=(index,), daemon=True) for index in range(count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(TIMEOUT * 2)
            self.assertFalse(thread.is_alive(), "a worker hung")
        for result in results:
            if isinstance(result, Exception):
                raise result
        return results

    @staticmethod
    def _retrying(work, env):
        """``work(env)``, run again on a serialization failure as Odoo does for a request
        (odoo.service.model.retrying, whose reset needs the registry lock held by the
        test runner)."""
        for tries_left in range(4, -1, -1):
            try:
                work(env)
                env.flush_all()
                return
            except OperationalError as error:
                if error.pgcode not in PG_CONCURRENCY_ERRORS_TO_RETRY or not tries_left:
                    raise
                env.cr.rollback()
                time.sleep(random.uniform(0.0, 0.2))

    def _setup(self, create):
        with self.registry.cursor() as cr:
            return create(self._env(cr))

    def _cleanup(self, company_id):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            company = env["res.company"].browse(company_id)
            domain = [("company_id", "=", company_id)]
            contacts = (
                env["beneficiary.beneficiary"].with_context(active_test=False).search(domain).partner_id
            )
            moves = env["account.move"].search(domain)
            moves.filtered(lambda m: m.state == "posted").button_draft()
            moves.unlink()
            for model in (
                "beneficiary.compensation",
                "beneficiary.service.request",
                "beneficiary.complaint",
                "beneficiary.beneficiary",
                "beneficiary.escalation.level",
                "beneficiary.service.type",
                "beneficiary.complaint.category",
                "beneficiary.committee",
                "beneficiary.category",
                "account.journal",
            ):
                records = env[model].with_context(active_test=False).search(domain)
                env["mail.message"].search([("model", "=", model), ("res_id", "in", records.ids)]).unlink()
                env["mail.activity"].search(
                    [("res_model", "=", model), ("res_id", "in", records.ids)]
                ).unlink()
                if hasattr(records, "_workflow_protected"):
                    # decided records are kept by the ORM: removed as a maintenance script would
                    env.cr.execute(
                        SQL("DELETE FROM %s WHERE id = ANY(%s)", SQL.identifier(records._table), records.ids)
                    )
                    records.invalidate_model()
                else:
                    records.unlink()
            with contextlib.suppress(Exception), cr.savepoint():
                contacts.unlink()  # the beneficiaries' contacts
            accounts = env["account.account"].search([("company_ids", "in", company_id)])
            partners = env["res.partner"].with_company(company_id).with_context(active_test=False)
            partners.search(
                [("property_account_payable_id", "in", accounts.ids)]
            ).property_account_payable_id = False
            with contextlib.suppress(Exception), cr.savepoint():
                accounts.unlink()
            env["ir.sequence"].search(domain).unlink()
            users = env["res.users"].with_context(active_test=False).search(domain)
            user_partners = users.partner_id
            with contextlib.suppress(Exception), cr.savepoint():
                users.unlink()
                user_partners.unlink()
            users.exists().write({"active": False})  # when they could not be deleted
            company.write({"active": False})
            with contextlib.suppress(Exception), cr.savepoint():
                company.unlink()  # else it stays archived, which is harmless

    def _new_company(self, env, name):
        company = env["res.company"].create(
            {"name": name, "currency_id": env.ref("base.SAR").id, "country_id": env.ref("base.sa").id}
        )
        env.ref("base.SAR").active = True
        category = env["beneficiary.category"].create({"name": f"{name} category", "company_id": company.id})
        return company, category

    # ------------------------------------------------------------------ compensation
    def test_one_approval_and_one_bill(self):
        def create(env):
            company, category = self._new_company(env, "Concurrency compensation")
            account = env["account.account"].create(
                {
                    "name": "Compensations",
                    "code": "659901",
                    "account_type": "expense",
                    "company_ids": [Command.set(company.ids)],
                }
            )
            journal = env["account.journal"].create(
                {"name": "Compensations", "code": "CMPX", "type": "purchase", "company_id": company.id}
            )
            company.write(
                {
                    "beneficiary_compensation_journal_id": journal.id,
                    "beneficiary_compensation_account_id": account.id,
                }
            )
            payable = env["account.account"].create(
                {
                    "name": "Beneficiaries payable",
                    "code": "219901",
                    "account_type": "liability_payable",
                    "reconcile": True,
                    "company_ids": [Command.set(company.ids)],
                }
            )
            beneficiary = env["beneficiary.beneficiary"].create(
                {
                    "name": "Harmed",
                    "category_id": category.id,
                    "company_id": company.id,
                    "national_id": make_id(71000001),
                }
            )
            beneficiary.partner_id.with_company(company).property_account_payable_id = payable
            evidence = env["ir.attachment"].create({"name": "judgment.pdf", "raw": b"%PDF-1.4 judgment"})
            compensation = env["beneficiary.compensation"].create(
                {
                    "beneficiary_id": beneficiary.id,
                    "company_id": company.id,
                    "basis": "court_judgment",
                    "court_name": "General Court",
                    "judgment_number": "4471",
                    "judgment_date": "2026-01-20",
                    "judgment_final": True,
                    "evidence_attachment_ids": [Command.set(evidence.ids)],
                    "amount_agreed": 1200,
                }
            )
            compensation.action_start_negotiation()
            # the beneficiary accepted the offer (policies 002/004: approval follows a negotiation)
            compensation.negotiation_ids = [Command.create({"offer": 1200, "answer": "accepted"})]
            # two managers (who are also compensation accountants) click at the same moment
            managers = [
                new_test_user(
                    env,
                    login,
                    groups="base.group_user,beneficiary_relations.group_manager",
                    company_id=company.id,
                    company_ids=[Command.set(company.ids)],
                )
                for login in ("t_concurrent_manager_1", "t_concurrent_manager_2")
            ]
            return company.id, compensation.id, [manager.id for manager in managers]

        company_id, compensation_id, manager_ids = self._setup(create)
        self.addCleanup(self._cleanup, company_id)

        def approve(env):
            env["beneficiary.compensation"].browse(compensation_id).action_approve()

        def bill(env):
            env["beneficiary.compensation"].browse(compensation_id).action_create_bill()

        with mute_logger("odoo.sql_db", "odoo.service.model"):
            approvals = self._in_both_workers(approve, users=manager_ids)
        self.assertEqual(approvals.count(None), 1, f"exactly one approval: {approvals}")
        refused = next(message for message in approvals if message)
        self.assertRegex(refused, "Someone else is working on|cannot be approved")
        with mute_logger("odoo.sql_db", "odoo.service.model"):
            bills = self._in_both_workers(bill, users=manager_ids)
        self.assertEqual(bills.count(None), 1, f"exactly one bill: {bills}")
        self.assertRegex(
            next(message for message in bills if message),
            "Someone else is working|already has the vendor bill",
        )
        with self.registry.cursor() as cr:
            compensation = self._env(cr)["beneficiary.compensation"].browse(compensation_id)
            self.assertEqual(compensation.state, "approved")
            self.assertIn(compensation.approved_by_id.id, manager_ids, "approved by one of the two managers")
            self.assertEqual(len(compensation.move_ids), 1, "one vendor bill")
            self.assertEqual(compensation.move_id.amount_total, 1200)

    # ------------------------------------------------------------------ SLA cron
    def test_two_cron_workers_notify_each_breach_once(self):
        def create(env):
            company, category = self._new_company(env, "Concurrency SLA")
            service = env["beneficiary.service.type"].create(
                {"name": "Aid", "company_id": company.id, "sla_days": 5, "sla_at_risk_days": 1}
            )
            env["beneficiary.escalation.level"].create(
                {
                    "name": "Management",
                    "level": 1,
                    "company_id": company.id,
                    "notify": "users",
                    "user_ids": [Command.set(env.ref("base.user_admin").ids)],
                    "days_after_deadline": 0,
                }
            )
            beneficiaries = env["beneficiary.beneficiary"].create(
                [
                    {"name": f"Waiting {i}", "category_id": category.id, "company_id": company.id}
                    for i in range(6)
                ]
            )
            requests = env["beneficiary.service.request"].create(
                [
                    {
                        "beneficiary_id": beneficiary.id,
                        "service_type_id": service.id,
                        "company_id": company.id,
                        "channel_id": env.ref("beneficiary_relations.channel_phone").id,
                    }
                    for beneficiary in beneficiaries
                ]
            )
            past = fields.Datetime.now() - datetime.timedelta(days=30)
            requests._workflow_write(
                {"sla_status": "on_track", "sla_deadline": past, "sla_at_risk_date": past}
            )
            return company.id, requests.ids

        company_id, request_ids = self._setup(create)
        self.addCleanup(self._cleanup, company_id)

        def cron(env):
            env["beneficiary.service.request"]._cron_check_sla(batch_size=2)

        with mute_logger("odoo.sql_db", "odoo.service.model"):
            results = self._in_both_workers(cron)
        self.assertEqual(results, [None, None])
        with self.registry.cursor() as cr:
            env = self._env(cr)
            requests = env["beneficiary.service.request"].browse(request_ids)
            self.assertEqual(set(requests.mapped("sla_status")), {"breached"}, "no breach lost")
            self.assertEqual(set(requests.mapped("escalation_level")), {1})
            summaries = env["mail.activity"].search(
                [
                    ("res_model", "=", "beneficiary.escalation.level"),
                    ("user_id", "=", env.ref("base.user_admin").id),
                ]
            )
            named = [
                int(i) for note in summaries.mapped("note") for i in re.findall(r"/odoo/[\w.]+/(\d+)", note)
            ]
            for request in requests:
                breaches = request.message_ids.filtered(lambda m: "has passed without a decision" in m.body)
                escalations = request.message_ids.filtered(lambda m: "Escalated to" in m.body)
                self.assertEqual(len(breaches), 1, f"{request.name}: one breach notice")
                self.assertEqual(len(escalations), 1, f"{request.name}: one escalation notice")
                self.assertEqual(named.count(request.id), 1, f"{request.name}: in one summary to-do")

    # ------------------------------------------------------------------ public complaint form
    def test_public_form_allowance_holds_under_parallel_posts(self):
        """Twelve posts of the public form from one address at the same moment: five
        complaints (the hourly allowance), seven clear refusals."""

        def create(env):
            company, _category = self._new_company(env, "Concurrency complaints")
            category = env["beneficiary.complaint.category"].create(
                {"name": "Question", "kind": "inquiry", "company_id": company.id, "sla_days": 3}
            )
            # the association's first complaint, by phone: its numbering exists
            env["beneficiary.complaint"].create(
                {
                    "subject": "By phone",
                    "category_id": category.id,
                    "company_id": company.id,
                    "channel_id": env.ref("beneficiary_relations.channel_phone").id,
                    "contact_name": "Caller",
                    "contact_mobile": "0551230000",
                }
            )
            return company.id, category.id, env.ref("base.public_user").id

        company_id, category_id, public_user_id = self._setup(create)
        self.addCleanup(self._cleanup, company_id)

        def post(env):
            env["beneficiary.complaint"]._portal_create(
                env["res.company"].browse(company_id),
                {
                    "subject": "Same moment",
                    "description": "Posted twelve times at once",
                    "contact_name": "Visitor",
                    "contact_email": "parallel@example.com",
                    "category_id": category_id,
                },
                address="198.51.100.77",
            )

        with mute_logger("odoo.sql_db", "odoo.service.model"):
            results = self._in_both_workers(post, users=[public_user_id] * 12, count=12)
        self.assertEqual(results.count(None), 5, f"the allowance holds: {results}")
        self.assertEqual(
            {message for message in results if message},
            {"Too many messages were sent from your connection. Please try again later."},
        )
        with self.registry.cursor() as cr:
            complaints = self._env(cr)["beneficiary.complaint"].search(
                [("company_id", "=", company_id), ("contact_email", "=", "parallel@example.com")]
            )
            self.assertEqual(len(complaints), 5)

    # ------------------------------------------------------------------ public application page
    def test_one_file_per_id_number_under_parallel_applications(self):
        """Two applications with the same new ID number at the same moment (a double
        click, two tabs): one file, never a second one nor a server error."""

        def create(env):
            company, category = self._new_company(env, "Concurrency applications")
            service = env["beneficiary.service.type"].create(
                {"name": "Basket", "company_id": company.id, "application_published": True}
            )
            return company.id, category.id, service.id, env.ref("base.public_user").id

        company_id, category_id, service_id, public_user_id = self._setup(create)
        self.addCleanup(self._cleanup, company_id)
        number = make_id(60000001)
        addresses = iter(["198.51.100.81", "198.51.100.82"])
        lock = threading.Lock()

        def apply(env):
            with lock:
                address = next(addresses, "198.51.100.83")
            env["beneficiary.service.request"]._application_create(
                env["res.company"].browse(company_id),
                {
                    "name": "Same applicant",
                    "national_id": number,
                    "mobile": "0557770001",
                    "city": "Riyadh",
                    "service_type_id": service_id,
                    "category_id": category_id,
                    "consent": "1",
                },
                {},
                address,
            )

        with mute_logger("odoo.sql_db", "odoo.service.model"):
            results = self._in_both_workers(apply, users=[public_user_id] * 2)
        self.assertIn(None, results, f"one application went through: {results}")
        self.assertLessEqual(
            {message for message in results if message},
            {
                "An application with this ID number was received a moment ago. Please wait a minute before sending it again."
            },
        )
        with self.registry.cursor() as cr:
            files = (
                self._env(cr)["beneficiary.beneficiary"]
                .with_context(active_test=False)
                .search([("company_id", "=", company_id), ("national_id", "=", number)])
            )
            self.assertEqual(len(files), 1, "one file for one ID number")

    # ------------------------------------------------------------------ sequences
    def test_references_unique_when_created_at_the_same_moment(self):
        company_id, category_id = self._setup(
            lambda env: tuple(r.id for r in self._new_company(env, "Concurrency numbers"))
        )
        self.addCleanup(self._cleanup, company_id)

        def create(env):
            env["beneficiary.beneficiary"].create(
                [
                    {"name": f"Same moment {i}", "category_id": category_id, "company_id": company_id}
                    for i in range(3)
                ]
            )

        with mute_logger("odoo.sql_db", "odoo.service.model"):
            results = self._in_both_workers(create)
        self.assertEqual(results, [None, None])
        with self.registry.cursor() as cr:
            env = self._env(cr)
            references = (
                env["beneficiary.beneficiary"].search([("company_id", "=", company_id)]).mapped("reference")
            )
            self.assertEqual(len(references), 6)
            self.assertEqual(len(set(references)), 6, f"duplicate references: {sorted(references)}")
            sequences = env["ir.sequence"].search(
                [("code", "=", "beneficiary.beneficiary"), ("company_id", "=", company_id)]
            )
            self.assertEqual(len(sequences), 1, "one numbering per association")


@tagged("post_install", "-at_install")
class TestCronInterrupted(ServiceRequestCase):
    """A cron worker killed in the middle of a run: what it committed stays, what it was
    doing is rolled back, and the next run finishes the work, notifying each once."""

    def test_interrupted_run_resumes_without_duplicates_or_losses(self):
        self.env["beneficiary.escalation.level"].search([]).active = False
        self.env["beneficiary.escalation.level"].create(
            {"name": "Management", "level": 1, "days_after_deadline": 0, "notify": "users",
             "user_ids": [Command.set(self.manager.ids)]}
        )  # fmt: skip
        requests = self.Request
        for beneficiary in (self.beneficiary_a, self.beneficiary_b) * 3:
            requests |= self._new_request(beneficiary=beneficiary)
        past = fields.Datetime.now() - datetime.timedelta(days=30)
        requests._workflow_write({"sla_status": "on_track", "sla_deadline": past, "sla_at_risk_date": past})
        Model = self.registry["beneficiary.service.request"]
        original = Model._sla_notify_pass
        calls = []

        def killed_on_second_batch(records, now, ladders):
            calls.append(records.ids)
            original(records, now, ladders)
            if len(calls) == 2:
                raise RuntimeError("the worker was killed")

        with patch.object(Model, "_sla_notify_pass", killed_on_second_batch):
            with self.env.cr.savepoint():  # first batch, committed by Odoo
                self.Request._sla_process_batch(2)
            with self.assertRaises(RuntimeError), self.env.cr.savepoint():
                self.Request._sla_process_batch(2)
        self.env.invalidate_all()
        self.assertEqual(requests.mapped("sla_status").count("breached"), 2, "the killed batch left nothing")
        self.Request._cron_check_sla(batch_size=2)  # the next run
        for request in requests:
            messages = request.message_ids.mapped("body")
            self.assertEqual(request.sla_status, "breached")
            self.assertEqual(request.escalation_level, 1)
            self.assertEqual(
                sum("has passed without a decision" in body for body in messages), 1, request.name
            )
            self.assertEqual(sum("Escalated to" in body for body in messages), 1, request.name)
