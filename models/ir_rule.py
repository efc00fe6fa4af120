import logging

from odoo import models
from odoo.exceptions import AccessError

_logger = logging.getLogger(__name__)

# models whose records' names are people's names: the module's own, and contacts and users
# (a beneficiary's contact, a beneficiary's portal user)
NAMED_PEOPLE_MODELS = ("res.partner", "res.users")


class IrRule(models.Model):
    _inherit = "ir.rule"

    def _make_access_error(self, operation, records):
        """Refuse without naming the records refused.

        Odoo lists the refused records with their names, read as superuser, to every
        employee (they all have the technical features group): asking for any contact or
        file by its id would give the name of a beneficiary the user may not see. The
        records of the module, contacts and users are refused by their ids only."""
        if records._name not in NAMED_PEOPLE_MODELS and records._original_module != "beneficiary_relations":
            return super()._make_access_error(operation, records)
        _logger.info(
            "Access Denied by record rules for operation: %s on record ids: %r, uid: %s, model: %s",
            operation,
            records.ids[:6],
            self.env.uid,
            records._name,
        )
        env = self.with_context(**self.env.user.context_get()).env
        model = env["ir.model"]._get(records._name).name or records._name
        ids = ", ".join(str(record_id) for record_id in records.ids[:6])
        messages = {
            "read": env._("You may not read these records of %(model)s (ids %(ids)s).", model=model, ids=ids),
            "write": env._(
                "You may not modify these records of %(model)s (ids %(ids)s).", model=model, ids=ids
            ),
            "create": env._("You may not create this record of %(model)s.", model=model),
            "unlink": env._(
                "You may not delete these records of %(model)s (ids %(ids)s).", model=model, ids=ids
            ),
        }
        return AccessError(messages[operation])
