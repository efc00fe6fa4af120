from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..lib import saudi_id
from ..lib.selection import selection_label

SAUDI_ID_TYPES = (saudi_id.CITIZEN, saudi_id.RESIDENT)


class BeneficiaryIdentityMixin(models.AbstractModel):
    """A person's identity as the association records it: ID number and type (Saudi
    national ID or Iqama checked digit by digit, or another document), birth date and
    age, gender. Shared by beneficiary files and the light family member lines."""

    _name = "beneficiary.identity.mixin"
    _description = "Identity of a Person"

    id_type = fields.Selection(
        [
            ("national_id", "National ID"),
            ("iqama", "Iqama"),
            ("passport", "Passport"),
            ("border_number", "Border Number"),
            ("gcc_id", "GCC ID"),
        ],
        string="ID Type",
        compute="_compute_id_type",
        store=True,
        readonly=False,
        precompute=True,
        help="Derived from a Saudi ID or Iqama number (first digit 1 or 2); "
        "choose it for any other document.",
    )
    national_id = fields.Char(
        string="ID Number",
        help="Saudi national ID or Iqama: 10 digits starting with 1 (citizen) or 2 (resident).",
    )
    birth_date = fields.Date()
    age = fields.Integer(compute="_compute_age", search="_search_age")
    gender = fields.Selection([("male", "Male"), ("female", "Female")])

    @api.depends("national_id")
    def _compute_id_type(self):
        for record in self:
            derived = saudi_id.id_type(record.national_id)
            if derived:
                record.id_type = derived
            else:
                record.id_type = record.id_type or saudi_id.CITIZEN

    @api.depends("birth_date")
    def _compute_age(self):
        today = fields.Date.context_today(self)
        for record in self:
            if record.birth_date and record.birth_date <= today:
                record.age = relativedelta(today, record.birth_date).years
            else:
                record.age = 0

    def _search_age(self, operator, value):
        """Translate an age condition into a birth-date condition."""
        if operator not in ("=", "!=", "<", "<=", ">", ">=") or not isinstance(value, int):
            raise UserError(self.env._("Unsupported search on age."))
        today = fields.Date.context_today(self)

        def born_before(years):
            # born on or before this date -> at least `years` old today
            return today - relativedelta(years=years)

        if operator == "=":
            return [("birth_date", ">", born_before(value + 1)), ("birth_date", "<=", born_before(value))]
        if operator == "!=":
            return [
                "|",
                ("birth_date", "=", False),
                "|",
                ("birth_date", "<=", born_before(value + 1)),
                ("birth_date", ">", born_before(value)),
            ]
        if operator == ">=":
            return [("birth_date", "<=", born_before(value))]
        if operator == ">":
            return [("birth_date", "<=", born_before(value + 1))]
        if operator == "<=":
            return [("birth_date", ">", born_before(value + 1))]
        return [("birth_date", ">", born_before(value))]

    @api.model
    def _check_id_number(self, number, id_type):
        """Raise a ValidationError naming what is wrong with an ID number."""
        if not number:
            return
        if id_type in SAUDI_ID_TYPES:
            number, error = saudi_id.validate(number)
            if error == "not_digits":
                raise ValidationError(
                    self.env._(
                        "The ID number %(number)s must contain digits only. For a passport or "
                        "another document, choose its ID type first.",
                        number=number,
                    )
                )
            if error == "length":
                raise ValidationError(
                    self.env._(
                        "The ID number %(number)s must have exactly 10 digits (it has %(count)s).",
                        number=number,
                        count=len(number),
                    )
                )
            if error == "prefix":
                raise ValidationError(
                    self.env._(
                        "The ID number %(number)s must start with 1 (Saudi national ID) or 2 (Iqama).",
                        number=number,
                    )
                )
            if error == "checksum":
                raise ValidationError(
                    self.env._(
                        "The ID number %(number)s is not valid: its check digit does not match. "
                        "Please check it against the ID card.",
                        number=number,
                    )
                )
            expected = saudi_id.id_type(number)
            if expected != id_type:
                raise ValidationError(
                    self.env._(
                        "The number %(number)s is a %(expected)s number, not a %(given)s number.",
                        number=number,
                        expected=selection_label(self, "id_type", expected),
                        given=selection_label(self, "id_type", id_type),
                    )
                )
        elif id_type == "border_number":
            if not (number.isdigit() and len(number) == 10 and number[0] in "34"):
                raise ValidationError(
                    self.env._(
                        "The border number %(number)s must have 10 digits and start with 3 or 4.",
                        number=number,
                    )
                )
        elif not (number.isalnum() and 5 <= len(number) <= 20):
            raise ValidationError(
                self.env._(
                    "The document number %(number)s must have 5 to 20 letters or digits.",
                    number=number,
                )
            )

    @api.constrains("birth_date")
    def _check_birth_date(self):
        today = fields.Date.context_today(self)
        for record in self:
            if record.birth_date and record.birth_date > today:
                self._raise_future_birth_date()

    @api.model
    def _raise_future_birth_date(self):
        raise ValidationError(self.env._("The birth date cannot be in the future."))
