from datetime import date

from .common import BeneficiaryCase, BeneficiaryHttpCase

# a program running on two weeks of January 2027, Sunday to Thursday
PROGRAM_START = date(2027, 1, 3)
PROGRAM_END = date(2027, 1, 14)


class ProgramFixtures:
    """A program open for registration and a few children of category A to register."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Program = cls.env["beneficiary.program"]
        cls.Registration = cls.env["beneficiary.program.registration"]
        cls.child_1 = cls._make_child("Salem Al-Harbi", date(2015, 6, 1), "male")
        cls.child_2 = cls._make_child("Layan Al-Qahtani", date(2016, 2, 20), "female")
        cls.child_3 = cls._make_child("Ziyad Al-Mutairi", date(2013, 9, 9), "male")

    @classmethod
    def _make_child(cls, name, birth_date, gender, category=None):
        return cls.Beneficiary.create(
            {
                "name": name,
                "birth_date": birth_date,
                "gender": gender,
                "category_id": (category or cls.category_a).id,
                "mobile": "0501234567",
                "email": f"{name.split()[0].lower()}@example.com",
            }
        )

    @classmethod
    def _make_program(cls, **values):
        vals = {
            "name": "Quran Memorisation Course",
            "date_start": PROGRAM_START,
            "date_end": PROGRAM_END,
            "age_min": 7,
            "age_max": 14,
            "state": "open",
        }
        vals.update(values)
        state = vals.pop("state")
        program = cls.Program.create(vals)
        program._workflow_write({"state": state})  # arranged as the program's buttons would
        return program

    @classmethod
    def _register(cls, program, beneficiary, **values):
        vals = {
            "program_id": program.id,
            "beneficiary_id": beneficiary.id,
            "guardian_name": "Guardian",
            "guardian_phone": "0559876543",
        }
        vals.update(values)
        return cls.Registration.create(vals)


class ProgramCase(ProgramFixtures, BeneficiaryCase):
    pass


class ProgramHttpCase(ProgramFixtures, BeneficiaryHttpCase):
    pass
