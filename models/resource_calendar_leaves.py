from odoo import api, fields, models


class ResourceCalendarLeaves(models.Model):
    _inherit = "resource.calendar.leaves"

    beneficiary_is_estimate = fields.Boolean(
        string="Estimated Date",
        help="Generated from the Hijri calendar before the official announcement: "
        "check it once the date is confirmed.",
    )

    # a time off of one person (resource) does not move anyone's deadline: only public
    # holidays empty the cache of the working calendars
    @api.model_create_multi
    def create(self, vals_list):
        leaves = super().create(vals_list)
        if any(not leave.resource_id for leave in leaves):
            self.env["res.company"]._beneficiary_calendar_changed()
        return leaves

    def write(self, vals):
        public = any(not record.resource_id for record in self)
        res = super().write(vals)
        if public or any(not record.resource_id for record in self):
            self.env["res.company"]._beneficiary_calendar_changed()
        return res

    def unlink(self):
        public = any(not record.resource_id for record in self)
        res = super().unlink()
        if public:
            self.env["res.company"]._beneficiary_calendar_changed()
        return res
