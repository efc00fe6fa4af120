from odoo import api, models
from odoo.tools import SQL


class IrSequence(models.Model):
    _inherit = "ir.sequence"

    @api.model
    def _beneficiary_templates(self):
        """The module's shared sequences (no company): each company numbers from its own
        copy of them."""
        template_ids = (
            self.env["ir.model.data"]
            .sudo()
            .search([("module", "=", "beneficiary_relations"), ("model", "=", "ir.sequence")])
            .mapped("res_id")
        )
        return self.sudo().browse(template_ids).filtered(lambda sequence: not sequence.company_id)

    @api.model
    def _beneficiary_create_company_sequences(self, companies):
        """A copy of each of the module's sequences for each of ``companies`` that has none
        yet (made when a company is created, and for the existing ones when the module is
        installed or upgraded): each association numbers its files, requests and
        complaints on its own, from 1."""
        templates = self._beneficiary_templates()
        if not templates or not companies:
            return self.browse()
        existing = {
            (sequence.code, sequence.company_id.id)
            for sequence in self.sudo().search(
                [("code", "in", templates.mapped("code")), ("company_id", "in", companies.ids)]
            )
        }
        vals_list = [
            {
                "name": f"{template.name} ({company.name})",
                "code": template.code,
                "prefix": template.prefix,
                "suffix": template.suffix,
                "padding": template.padding,
                "number_increment": template.number_increment,
                "implementation": template.implementation,
                "use_date_range": template.use_date_range,
                "company_id": company.id,
            }
            for company in companies
            for template in templates
            if (template.code, company.id) not in existing
        ]
        return self.sudo().create(vals_list)

    @api.model
    def _beneficiary_next(self, code, company):
        """Next number of ``code`` in ``company``'s own numbering."""
        return self.sudo().with_company(company).next_by_code(code)

    @api.model
    def _beneficiary_next_numbers(self, code, company, count):
        """``count`` next numbers at once (batch creation): one query for the whole batch
        instead of two per number (``next_by_code`` looks the sequence up each time)."""
        if count <= 0:
            return []
        # the sequence next_by_code would take: the company's own, else the shared one
        sequence = (
            self.sudo()
            .with_company(company)
            .search(
                [("code", "=", code), ("company_id", "in", [company.id, False])], order="company_id", limit=1
            )
        )
        if not sequence or sequence.use_date_range:
            return [self._beneficiary_next(code, company) for _i in range(count)]
        if sequence.implementation == "standard":
            self.env.cr.execute(
                SQL("SELECT nextval(%s) FROM generate_series(1, %s)", f"ir_sequence_{sequence.id:03d}", count)
            )
            numbers = sorted(row[0] for row in self.env.cr.fetchall())
        else:
            # as Odoo's no-gap numbering: lock the row, then move it on by the whole batch
            sequence.flush_recordset(["number_next"])
            self.env.cr.execute(
                SQL("SELECT number_next FROM ir_sequence WHERE id = %s FOR UPDATE NOWAIT", sequence.id)
            )
            first = self.env.cr.fetchone()[0]
            self.env.cr.execute(
                SQL(
                    "UPDATE ir_sequence SET number_next = number_next + %s WHERE id = %s",
                    sequence.number_increment * count,
                    sequence.id,
                )
            )
            sequence.invalidate_recordset(["number_next"])
            numbers = [first + index * sequence.number_increment for index in range(count)]
        prefix, suffix = sequence._get_prefix_suffix()
        return [f"{prefix}{number:0{sequence.padding}d}{suffix}" for number in numbers]

    @api.model
    def _beneficiary_create_all_company_sequences(self):
        """Install and upgrade: every company gets its copies (an upgraded database keeps
        the copies its companies already number from)."""
        return self._beneficiary_create_company_sequences(self.env["res.company"].sudo().search([]))
