from odoo import api, models
from odoo.exceptions import UserError

from ..lib.user_import import is_user_import


class BeneficiaryWorkflowLineMixin(models.AbstractModel):
    """Lines a workflow record records by its own method only: each member's approval of
    a compensation's minutes, each member's vote on a service request. No caller creates,
    changes or deletes a line directly, whatever the values or context keys it sends: the
    record's method unlocks its records (``_workflow_unlocked``) and the lines follow.

    A model declares ``_workflow_line_parent`` (the Many2one to the workflow record) and
    ``_workflow_line_locked_message`` (what the user reads when they try)."""

    _name = "beneficiary.workflow.line.mixin"
    _inherit = ["beneficiary.import.mixin"]
    _description = "Line Recorded by its Workflow Record"

    _workflow_line_parent = None

    def _workflow_line_locked_message(self):
        raise NotImplementedError

    def _workflow_line_check_unlocked(self, parent_ids):
        field = self._fields[self._workflow_line_parent]
        parents = self.env[field.comodel_name].browse(parent_ids)
        if not parents._workflow_is_unlocked():
            raise UserError(self._workflow_line_locked_message())

    @api.model_create_multi
    def create(self, vals_list):
        self._workflow_line_check_unlocked([vals.get(self._workflow_line_parent) for vals in vals_list])
        return super().create(vals_list)

    def write(self, vals):
        self._workflow_line_check_unlocked(self[self._workflow_line_parent].ids)
        if self._workflow_line_parent in vals:
            self._workflow_line_check_unlocked([vals[self._workflow_line_parent]])
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_recorded_by_the_parent(self):
        self._workflow_line_check_unlocked(self[self._workflow_line_parent].ids)

    @api.model
    def _load_records(self, data_list, update=False, ignore_duplicates=False):
        # modules' data files (demo) describe the lines as they are; a user's import does not
        if is_user_import():
            return super()._load_records(data_list, update=update, ignore_duplicates=ignore_duplicates)
        parent_model = self.env[self._fields[self._workflow_line_parent].comodel_name]
        with parent_model._workflow_unlocked(every_record=True):
            return super()._load_records(data_list, update=update, ignore_duplicates=ignore_duplicates)
