from odoo import api, models
from odoo.exceptions import UserError, ValidationError

from ..lib import dates
from ..lib.outside_text import file_name
from .beneficiary_portal_mixin import LONG_TEXT_LIMIT, TEXT_LIMIT
from .beneficiary_program_registration import ACTIVE_STATES
from .ir_qweb_field_count import count_text


class BeneficiaryProgramRegistration(models.Model):
    """The conditions a registration must meet (policy 002, steps 2 and 3, and the
    personal interview of the programs that require one): one registration per
    participant, a complete form, an age within the program's age group on its start
    date, a targeted category and gender, and for confirmation a passed interview and a
    paid fee."""

    _inherit = "beneficiary.program.registration"

    def _check_not_registered(self, pairs):
        """Refuse ``(program_id, beneficiary_id)`` pairs that already have an active
        registration other than ``self``, before writing them.

        Checked before the insert so the user reads this message rather than the unique
        index's, which stays as the guard against concurrent registrations."""
        if not pairs:
            return
        seen = set()
        for pair in pairs:
            if pair in seen:
                self._raise_already_registered(*pair)
            seen.add(pair)
        # sudo: the other registration may belong to a category the user does not serve;
        # only its existence is reported, with names the user already sees.
        others_sudo = self.sudo().search(
            [
                ("program_id", "in", list({program for program, _beneficiary in pairs})),
                ("beneficiary_id", "in", list({beneficiary for _program, beneficiary in pairs})),
                ("state", "in", ACTIVE_STATES),
                ("id", "not in", self.ids),
            ]
        )
        taken = {(r.program_id.id, r.beneficiary_id.id) for r in others_sudo}
        for pair in pairs:
            if pair in taken:
                self._raise_already_registered(*pair)

    @api.model
    def _raise_already_registered(self, program_id, beneficiary_id):
        raise ValidationError(
            self.env._(
                "%(beneficiary)s is already registered in %(program)s.",
                beneficiary=self.env["beneficiary.beneficiary"].browse(beneficiary_id).sudo().name,
                program=self.env["beneficiary.program"].browse(program_id).sudo().name,
            )
        )

    @api.model
    def _get_portal_form_fields(self):
        """Fields of the registration form a beneficiary fills on the portal."""
        return [
            "mobile",
            "guardian_name",
            "guardian_phone",
            "guardian_relation",
            "motivation",
            "id_copy",
            "id_copy_filename",
        ]

    @api.model
    def _portal_form_value(self, name, value):
        """A value of the portal form as it may be stored: texts plain and bounded, a
        choice among the field's own, a file name without folders or invisible marks (the
        file itself is checked by the controller)."""
        field = self._fields[name]
        texts = self.env["beneficiary.portal.mixin"]
        label = field.get_description(self.env)["string"]
        if field.type == "binary":
            return value
        if name == "id_copy_filename":
            return file_name(value)
        if field.type == "selection":
            choices = dict(field._description_selection(self.env))
            if value not in choices:
                raise ValidationError(self.env._("Choose %(field)s from the list.", field=label))
            return value
        return texts._portal_text(value, label, LONG_TEXT_LIMIT if field.type == "text" else TEXT_LIMIT)

    def _get_missing_form_fields(self):
        """Labels of the registration form's required answers that are missing."""
        self.ensure_one()
        required = ["mobile"]
        if self.is_minor:
            required += ["guardian_name", "guardian_phone"]
        if self.program_id.require_motivation:
            required.append("motivation")
        if self.program_id.require_id_copy:
            required.append("id_copy")
        missing = []
        for name in required:
            value = self[name]
            if isinstance(value, str):
                value = value.strip()
            if not value:
                missing.append(self._fields[name].get_description(self.env)["string"])
        return missing

    def _check_eligibility(self):
        """Raise a clear error when the participant cannot join the program: form
        incomplete, age outside the target age group on the start date, category or gender
        not targeted, or file suspended."""
        for registration in self:
            program = registration.program_id
            beneficiary = registration.beneficiary_id
            if beneficiary.state in ("suspended", "archived"):
                raise UserError(
                    self.env._(
                        "The file of %(beneficiary)s is %(state)s: reactivate it before registering.",
                        beneficiary=beneficiary.name,
                        state=dict(beneficiary._fields["state"]._description_selection(self.env))[
                            beneficiary.state
                        ],
                    )
                )
            missing = registration._get_missing_form_fields()
            if missing:
                raise ValidationError(
                    self.env._(
                        "The registration form of %(beneficiary)s is incomplete. Please fill in: %(fields)s.",
                        beneficiary=beneficiary.name,
                        fields=", ".join(missing),
                    )
                )
            registration._check_age()
            if program.category_ids and beneficiary.category_id not in program.category_ids:
                raise ValidationError(
                    self.env._(
                        "%(program)s is for the categories %(categories)s; "
                        "%(beneficiary)s belongs to %(category)s.",
                        program=program.name,
                        categories=", ".join(program.category_ids.mapped("name")),
                        beneficiary=beneficiary.name,
                        category=beneficiary.category_id.name,
                    )
                )
            if program.target_gender not in ("all", beneficiary.gender):
                raise ValidationError(
                    self.env._(
                        "%(program)s is open to %(target)s only.",
                        program=program.name,
                        target=dict(program._fields["target_gender"]._description_selection(self.env))[
                            program.target_gender
                        ],
                    )
                )

    def _check_age(self):
        self.ensure_one()
        program = self.program_id
        if not (program.age_min or program.age_max):
            return
        if not self.beneficiary_id.birth_date:
            raise ValidationError(
                self.env._(
                    "%(program)s is for a given age group: add the birth date of %(beneficiary)s "
                    "to their file first.",
                    program=program.name,
                    beneficiary=self.beneficiary_id.name,
                )
            )
        age = self.age_at_start
        too_young = program.age_min and age < program.age_min
        too_old = program.age_max and age > program.age_max
        if not (too_young or too_old):
            return
        values = {
            "beneficiary": self.beneficiary_id.name,
            "program": program.name,
            "age": count_text(self.env, age, "year", case="oblique"),
            "date": dates.format_day(program.date_start, self.env.lang or "en_US"),
            "allowed": program._age_group_text(),
        }
        if too_young:
            message = self.env._(
                "%(beneficiary)s is too young for %(program)s: %(age)s old on its start date "
                "(%(date)s), and the program accepts ages %(allowed)s.",
                **values,
            )
        else:
            message = self.env._(
                "%(beneficiary)s is too old for %(program)s: %(age)s old on its start date "
                "(%(date)s), and the program accepts ages %(allowed)s.",
                **values,
            )
        raise ValidationError(message)

    def _check_can_confirm(self):
        for registration in self:
            if registration.program_id.interview_required and registration.interview_result != "passed":
                raise UserError(
                    self.env._(
                        "%(program)s requires a personal interview: %(beneficiary)s can be confirmed "
                        "only after passing it.",
                        program=registration.program_id.name,
                        beneficiary=registration.beneficiary_id.name,
                    )
                )
            if registration.fee_type == "paid" and registration.payment_state not in ("paid", "in_payment"):
                raise UserError(
                    self.env._(
                        "The subscription fee of %(beneficiary)s is not paid yet: the registration is "
                        "confirmed when its invoice is paid.",
                        beneficiary=registration.beneficiary_id.name,
                    )
                )
