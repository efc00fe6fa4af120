from odoo import api, models


class ResourceCalendarAttendance(models.Model):
    _inherit = "resource.calendar.attendance"

    @api.model_create_multi
    def create(self, vals_list):
        attendances = super().create(vals_list)
        if any(not attendance.resource_id for attendance in attendances):
            self.env["res.company"]._beneficiary_calendar_changed()
        return attendances

    def write(self, vals):
        res = super().write(vals)
        if any(not record.resource_id for record in self):
            self.env["res.company"]._beneficiary_calendar_changed()
        return res

    def unlink(self):
        changed = any(not record.resource_id for record in self)
        res = super().unlink()
        if changed:
            self.env["res.company"]._beneficiary_calendar_changed()
        return res
