from odoo import api, fields, models

from ..lib.selection import selection_labels


class BeneficiaryPersonalDataMixin(models.AbstractModel):
    """What a model holds of a beneficiary's personal data, declared on the model itself
    (as Odoo declares ``_mail_post_access`` or ``_rec_names_search``), so that the
    beneficiary's rights over their data (a copy, the erasure) reach every field of every
    model without a central list to keep up to date:

    - ``_personal_fields``: the stored fields that may hold personal values, emptied on
      anonymisation (a required text gets a neutral label); states, dates, categories,
      service types and amounts are kept for the statistics;
    - ``_personal_beneficiary_path``: the path from a record to its beneficiary (a field
      name, dotted if needed), which finds a beneficiary's records (``_personal_records``
      may be overridden where it is not one path);
    - ``_personal_export_key`` and ``_personal_export_fields``: where and what the
      beneficiary's copy of their data shows (no key: the records are exported by their
      parent, or not at all when they hold nothing the beneficiary gave).

    ``tests/test_anonymisation.py`` checks that every model of the module linked to a
    beneficiary inherits this mixin, and that nothing personal is left anywhere in the
    database after an anonymisation.
    """

    _name = "beneficiary.personal.data.mixin"
    _description = "Beneficiary Personal Data"

    _personal_fields = ()
    _personal_beneficiary_path = "beneficiary_id"
    _personal_export_key = None
    _personal_export_fields = ()

    @api.model
    def _personal_records(self, beneficiary):
        """The records of ``beneficiary`` (as superuser, archived included)."""
        return (
            self.sudo()
            .with_context(active_test=False)
            .search([(self._personal_beneficiary_path, "=", beneficiary.id)])
        )

    def _personal_export_values(self):
        """The record as the beneficiary's copy of their data shows it (JSON-ready)."""
        self.ensure_one()
        values = {}
        for name in self._personal_export_fields:
            value = self[name]
            field = self._fields[name]
            if field.type == "many2one":
                value = value.display_name or False
            elif field.type in ("one2many", "many2many"):
                value = value.mapped("display_name")
            elif field.type in ("date", "datetime"):
                value = fields.Datetime.to_string(value) if value else False
            elif field.type == "selection":
                value = selection_labels(self, name).get(value, value) if value else False
            elif field.type == "html":
                value = str(value) if value else False
            values[name] = value
        return values

    @api.model
    def _personal_models(self):
        """Every model declaring personal data, in the registry's order."""
        names = self.env.registry.descendants([self._name], "_inherit")
        return [name for name in names if not self.env[name]._abstract and not self.env[name]._transient]
