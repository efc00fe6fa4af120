import contextvars
import functools
from contextlib import contextmanager, nullcontext

from psycopg2 import errors as pg_errors

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..lib.selection import selection_label
from ..lib.user_import import is_user_import

# The (model, record id) pairs whose workflow fields the model's own code is writing right
# now. A Python context variable: unlike ``self.env.context``, nothing an RPC caller sends
# can set it. ``None`` as the id stands for records being created.
_UNLOCKED = contextvars.ContextVar("beneficiary_workflow_unlocked", default=frozenset())

EVERY_RECORD = "*"
LOCK_MODES = ("wait", "nowait", "skip")


def data_files_unlocked(model, **unlocked):
    """Modules' data files (XML/CSV, demo data included) describe records as they are,
    in any state: the workflow of ``model`` is unlocked (``_workflow_unlocked(**unlocked)``)
    while they load; a user's import (``load``) goes through the guard."""
    return nullcontext() if is_user_import() else model._workflow_unlocked(**unlocked)


def workflow_method(method):
    """Decorator of a model method that writes workflow fields of ``self``: the records
    it is called on are unlocked while it runs (and only them)."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self._workflow_unlocked():
            return method(self, *args, **kwargs)

    return wrapper


class BeneficiaryWorkflowMixin(models.AbstractModel):
    """What every workflow model of the module shares (requests, complaints,
    compensations, eligibility assessments, program registrations, policies, data
    requests, request documents):

    - its states, declared once: ``_workflow_states_open`` (being worked on),
      ``_workflow_states_decided`` (a decision was taken: what it settled is frozen) and
      ``_workflow_states_closed`` (nothing more happens), read by the portal, the
      anonymisation, the letters, the uploads and the deadlines;
    - the write guard: the fields of ``_workflow_protected_fields`` (the status, the
      audit fields saying who did what and when, the deadline clock) are written by the
      model's own methods only, through ``_workflow_write``/``_set_state`` or a method
      decorated with ``workflow_method``; no value a caller sends (fields, context keys,
      ``default_*`` keys) opens it. Fields frozen in some states are refused by
      ``_workflow_check_frozen``. Records are deleted only in
      ``_workflow_states_deletable``;
    - the reference, numbered per company from ``_workflow_sequence_code``;
    - one row-lock helper (``_workflow_lock``) with its three modes;
    - the messages to the person the record is about (``_workflow_notify``), through the
      notification service: the texts of each message kind
      (``_workflow_notification_templates``), who is told (``_notify_recipient``), the
      officer who follows them up (``_notify_officer``), and the log of what was sent.
    """

    _name = "beneficiary.workflow.mixin"
    _inherit = ["beneficiary.import.mixin"]
    _description = "Beneficiary Workflow"

    _workflow_states_open = ()
    _workflow_states_decided = ()
    _workflow_states_closed = ()
    # states in which a record may be deleted (None: the initial state only)
    _workflow_states_deletable = None
    # fields written by the model's own methods only; the mixins a model inherits add
    # theirs (the deadline clock of beneficiary.sla.mixin)
    _workflow_protected_fields = ("state",)
    # ir.sequence code of the reference (``name``), numbered per company
    _workflow_sequence_code = None
    # the texts of each message kind: {kind: (mail.template xml id, sms.template xml id)}
    _workflow_notification_templates = {}

    notification_log_count = fields.Integer(string="Messages Sent", compute="_compute_notification_log_count")

    def _compute_notification_log_count(self):
        counts = self.env["beneficiary.notification.log"]._count_per_record(self)
        for record in self:
            record.notification_log_count = counts.get(record.id, 0)

    # ------------------------------------------------------------------ declarations
    @api.model
    def _workflow_protected(self):
        """The protected fields of this model: the union of what the model and the mixins
        it inherits declare, plus the reference when it is numbered."""
        names = set()
        for cls in type(self).__mro__:
            names.update(vars(cls).get("_workflow_protected_fields", ()))
        if self._workflow_sequence_code:
            names.add("name")
        return frozenset(names & set(self._fields))

    @api.model
    def _workflow_deletable_states(self):
        if self._workflow_states_deletable is not None:
            return self._workflow_states_deletable
        default = self._fields["state"].default
        return (default(self),) if callable(default) else (default,)

    def _workflow_check_frozen(self, field_names):
        """Hook: raise a ``UserError`` when ``field_names`` may not change on these records
        in their current state (called for writes from outside the model's methods)."""

    # ------------------------------------------------------------------ unlocking
    def _workflow_is_unlocked(self, create=False):
        allowed = _UNLOCKED.get()
        if (self._name, EVERY_RECORD) in allowed:
            return True
        if create:
            return (self._name, None) in allowed
        return all((self._name, record_id) in allowed for record_id in self._ids)

    @contextmanager
    def _workflow_unlocked(self, create=False, every_record=False):
        """Let the model's own code write the workflow fields of ``self`` (and create
        records with them when ``create``; of any record of the model when
        ``every_record``) inside the ``with`` block."""
        keys = {(self._name, record_id) for record_id in self._ids}
        if create:
            keys.add((self._name, None))
        if every_record:
            keys.add((self._name, EVERY_RECORD))
        token = _UNLOCKED.set(_UNLOCKED.get() | keys)
        try:
            yield self
        finally:
            _UNLOCKED.reset(token)

    def _workflow_write(self, vals):
        """Write workflow fields (status, audit fields) from the model's own methods."""
        with self._workflow_unlocked():
            return self.write(vals)

    def _set_state(self, state, **vals):
        """Move the records to ``state``, with the audit values of the step."""
        return self._workflow_write(dict(vals, state=state))

    @api.model
    def _workflow_create(self, vals_list):
        """Create records with workflow values set by the model's own code (demo data,
        records born in a later state)."""
        with self._workflow_unlocked(create=True):
            return self.create(vals_list)

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        records = self
        if not self._workflow_is_unlocked(create=True):
            protected = self._workflow_protected()
            # no default_<field> key of the caller's context fills a protected field (keys
            # are removed: the context is replaced, not updated)
            records = self.with_context(  # pylint: disable=context-overridden
                {
                    key: value
                    for key, value in self.env.context.items()
                    if not (key.startswith("default_") and key[8:] in protected)
                }
            )
            # a form sends the status a new record starts in: that value is no forgery
            defaults = records.default_get(list(protected))
            sent = sorted(
                {
                    name
                    for vals in vals_list
                    for name, value in vals.items()
                    if name in protected and value and value != defaults.get(name)
                }
            )
            if sent:
                raise UserError(
                    self.env._(
                        "%(fields)s of a new record is set by the application, not typed in.",
                        fields=", ".join(self._fields[name]._description_string(self.env) for name in sent),
                    )
                )
            for vals in vals_list:
                for name in protected & set(vals):
                    del vals[name]
        records._workflow_prepare_create(vals_list)
        return super(BeneficiaryWorkflowMixin, records).create(vals_list)

    @api.model
    def _workflow_prepare_create(self, vals_list):
        """Hook: the values the application sets on new records (after the guard): the
        reference, numbered per company."""
        if self._workflow_sequence_code:
            for vals in vals_list:
                if not vals.get("name"):
                    vals["name"] = self._workflow_next_reference(vals)
        return vals_list

    def write(self, vals):
        if not self._workflow_is_unlocked():
            # access first: the messages below name the records
            self.check_access("write")
            protected = sorted(
                name
                for name in set(vals) & self._workflow_protected()
                if self._workflow_changes(name, vals[name])
            )
            if protected:
                raise UserError(
                    self.env._(
                        "%(fields)s changes only through the buttons of %(records)s.",
                        fields=", ".join(
                            self._fields[name]._description_string(self.env) for name in protected
                        ),
                        records=", ".join(name or "" for name in self.mapped("display_name")[:5]),
                    )
                )
            self._workflow_check_frozen({name for name in vals if self._workflow_changes(name, vals[name])})
        return super().write(vals)

    def _workflow_changes(self, name, value):
        """Whether writing ``value`` into ``name`` changes a record of ``self`` (a form
        saving a field unchanged is no attempt)."""
        field = self._fields[name]
        if field.type in ("one2many", "many2many", "binary", "html"):
            return True
        try:
            return any(
                field.convert_to_record(field.convert_to_cache(value, record), record) != record[name]
                for record in self
            )
        except (ValueError, TypeError):
            return True

    @api.model
    def _load_records(self, data_list, update=False, ignore_duplicates=False):
        with data_files_unlocked(self, create=True, every_record=True):
            return super()._load_records(data_list, update=update, ignore_duplicates=ignore_duplicates)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_in_progress(self):
        deletable = self._workflow_deletable_states()
        kept = self.filtered(lambda record: record.state not in deletable)
        if kept:
            raise UserError(
                self.env._(
                    "%(records)s is kept for the record and cannot be deleted.",
                    records=", ".join(kept.mapped("display_name")[:5]),
                )
            )

    def copy_data(self, default=None):
        # a copy starts its own workflow: no status or audit value is carried over
        protected = self._workflow_protected()
        vals_list = super().copy_data(default=default)
        for vals in vals_list:
            for name in protected & set(vals):
                if not default or name not in default:
                    del vals[name]
        return vals_list

    def copy(self, default=None):
        if default and set(default) & self._workflow_protected():
            raise UserError(self.env._("A copy starts its own workflow: its status is not given."))
        return super().copy(default=default)

    # ------------------------------------------------------------------ references
    @api.model
    def _workflow_sequence_company(self, vals):
        """The company whose numbering gives the reference of a record created from ``vals``."""
        company_id = vals.get("company_id")
        return self.env["res.company"].browse(company_id) if company_id else self.env.company

    @api.model
    def _workflow_next_reference(self, vals):
        company = self._workflow_sequence_company(vals)
        return self.env["ir.sequence"]._beneficiary_next(self._workflow_sequence_code, company)

    # ------------------------------------------------------------------ locks
    def _workflow_lock(self, mode="nowait"):
        """Lock the rows of ``self`` until the end of the transaction.

        - ``wait``: wait for other transactions holding them (seats taken one after the
          other);
        - ``nowait``: refuse at once with a clear message when someone else holds one
          (two managers approving the same compensation);
        - ``skip``: return only the records nobody else holds (cron workers sharing the
          work).

        The records are read again afterwards: another transaction may have changed them
        before the lock was taken."""
        if mode not in LOCK_MODES:
            raise ValueError(f"Unknown lock mode {mode!r}")
        if not self._ids:
            return self
        suffix = {"wait": SQL(""), "nowait": SQL("NOWAIT"), "skip": SQL("SKIP LOCKED")}[mode]
        query = SQL(
            "SELECT id FROM %s WHERE id = ANY(%s) FOR UPDATE %s",
            SQL.identifier(self._table),
            list(self._ids),
            suffix,
        )
        if mode == "nowait":
            try:
                with self.env.cr.savepoint(flush=False):
                    self.env.cr.execute(query)
            except pg_errors.LockNotAvailable:
                raise UserError(
                    self.env._(
                        "Someone else is working on %(records)s right now. Try again in a moment.",
                        records=", ".join(self.sudo().mapped("display_name")[:5]),
                    )
                ) from None
            locked = self
        else:
            self.env.cr.execute(query)
            found = {row[0] for row in self.env.cr.fetchall()}
            locked = self.browse([record_id for record_id in self._ids if record_id in found])
        locked.invalidate_recordset()
        return locked

    # ------------------------------------------------------------------ states
    def _workflow_is_open(self):
        self.ensure_one()
        return self.state in self._workflow_states_open

    def _state_label(self, state=None):
        """The label of ``state``, this record's status by default, in the user's language."""
        if state is None:
            self.ensure_one()
            state = self.state
        return selection_label(self, "state", state)

    def _workflow_is_closed(self):
        self.ensure_one()
        return self.state in self._workflow_states_closed

    # ------------------------------------------------------------------ messages
    def _workflow_notify(self, kind):
        """Tell the person each record is about the message ``kind`` (acknowledgement,
        decision, rating...), on the channel agreed with them, through the notification
        service (``beneficiary.notification._send``). Returns the logs of the messages."""
        return self.env["beneficiary.notification"]._send(self, kind)

    def _notify_recipient(self):
        """Who hears about this record: a recipient of ``beneficiary.notification``
        (``_recipient``), or None when nobody is to be told. The beneficiary's file by
        default."""
        self.ensure_one()
        if "beneficiary_id" not in self._fields or not self.beneficiary_id:
            return None
        return self.env["beneficiary.notification"]._recipient(self.beneficiary_id)

    def _notify_templates(self, kind):
        """The (mail.template, sms.template) xml ids telling ``kind`` for this record."""
        self.ensure_one()
        return self._workflow_notification_templates.get(kind, (False, False))

    def _notify_officer(self):
        """The officer who follows the messages of this record up (WhatsApp, calls,
        letters, failures): the beneficiary's liaison officer by default."""
        self.ensure_one()
        if "beneficiary_id" in self._fields:
            return self.beneficiary_id.liaison_user_id
        return self.env["res.users"]

    def _notify_deadline(self):
        """The deadline the messages of this record are counted against (None: none)."""
        return None

    def _notify_log_record(self):
        """The record the messages are logged on."""
        return self

    def action_view_notification_logs(self):
        self.ensure_one()
        return self.env["beneficiary.notification.log"]._action_list(
            [("res_model", "=", self._name), ("res_id", "=", self.id)]
        )
