from odoo import models


class BaseImportImport(models.TransientModel):
    _inherit = "base_import.import"

    def execute_import(self, fields, columns, options, dryrun=False):
        """Beneficiaries' import reports bad rows by their line in the file: the rows
        before the data (headings, rows skipped by an import in batches) are counted."""
        if self.res_model != "beneficiary.beneficiary":
            return super().execute_import(fields, columns, options, dryrun=dryrun)
        first_line = 1 + (1 if options.get("has_headers") else 0) + (options.get("skip") or 0)
        return super(
            BaseImportImport, self.with_context(beneficiary_import_first_line=first_line)
        ).execute_import(fields, columns, options, dryrun=dryrun)
