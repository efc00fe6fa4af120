"""Every translatable string of the Python code reaches the .pot.

Odoo exports the strings with babel's Python extractor and gives up on the rest of a
file at the first thing babel cannot read (a formatted string literal among the
arguments of ``_()``, for instance): the strings after it are then never translated
and Arabic users read them in English."""

import unittest
from pathlib import Path

from babel.messages import extract

ROOT = Path(__file__).resolve().parents[2]


class TestTranslationExtraction(unittest.TestCase):
    def test_every_python_file_can_be_read_by_the_exporter(self):
        files = [path for path in ROOT.rglob("*.py") if "tests" not in path.relative_to(ROOT).parts]
        self.assertTrue(files)
        for path in files:
            with self.subTest(file=str(path.relative_to(ROOT))), path.open("rb") as source:
                messages = list(
                    extract.extract(
                        "python", source, keywords={"_": None, "_lt": None}, options={"encoding": "UTF-8"}
                    )
                )
                self.assertIsInstance(messages, list)


if __name__ == "__main__":
    unittest.main()
