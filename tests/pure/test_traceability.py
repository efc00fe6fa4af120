"""docs/TRACEABILITY.md names, for each obligation of the policies, the test that proves
it: every test it names must exist, and every line of the obligations map must be there.
Only the lines of the preset branch may wait for their tests (``TODO(preset)``)."""

import ast
import re
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TRACEABILITY = ROOT / "docs" / "TRACEABILITY.md"
# the obligations map read from the five policies (docs/COVERAGE.md, a copy of the
# project's requirements as they were given)
COVERAGE = ROOT / "docs" / "COVERAGE.md"
# the obligations whose feature and tests come with the policy preset and deadline rules
PRESET_IDS = {"B8", "B9", "B12", "B13", "G3", "I3", "W1"}
TEST_REF = re.compile(r"`(tests/[\w/]+\.py)::(\w+)::(\w+)`")
ROW_ID = re.compile(r"^\|\s*([A-Z]\d+(?:[–-]\d+)?(?:,\s*[A-Z]\d+)*)\s*\|")


def _rows(text):
    """{id: row text} of the tables' obligation rows."""
    rows = {}
    for line in text.splitlines():
        match = ROW_ID.match(line)
        if match:
            rows[match.group(1)] = line
    return rows


def _expand(coverage_id):
    """'C1–C6' -> C1..C6, 'D9, D11' -> D9, D11, 'B12–13' -> B12, B13."""
    ids = []
    for part in re.split(r",\s*", coverage_id):
        match = re.fullmatch(r"([A-Z])(\d+)(?:[–-]([A-Z])?(\d+))?", part.strip())
        letter, start, _letter2, end = match.groups()
        ids.extend(f"{letter}{number}" for number in range(int(start), int(end or start) + 1))
    return ids


def _test_functions(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        (node.name, item.name)
        for node in tree.body
        if isinstance(node, ast.ClassDef)
        for item in node.body
        if isinstance(item, ast.FunctionDef)
    }


class TestTraceability(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.text = TRACEABILITY.read_text(encoding="utf-8")
        cls.rows = _rows(cls.text)

    def test_every_test_named_exists(self):
        cache = {}
        references = TEST_REF.findall(self.text)
        self.assertGreater(len(references), 50)
        for file_name, class_name, test_name in references:
            with self.subTest(test=f"{file_name}::{class_name}::{test_name}"):
                path = ROOT / file_name
                self.assertTrue(path.is_file(), f"{file_name} does not exist")
                if path not in cache:
                    cache[path] = _test_functions(path)
                self.assertIn(
                    (class_name, test_name), cache[path], f"{class_name}.{test_name} is not in {file_name}"
                )

    def test_every_line_proves_itself_or_waits_for_the_preset(self):
        for row_id, row in self.rows.items():
            with self.subTest(id=row_id):
                status = row.rstrip().rstrip("|").rsplit("|", 1)[1].strip()
                if "TODO(preset)" in row:
                    self.assertIn(row_id, PRESET_IDS, "only the preset's lines may wait for it")
                    continue
                self.assertTrue(TEST_REF.search(row), "no test proves it")
                self.assertRegex(status, r"^(Y|P: .+)$", "status is Y, or P with what is missing")

    def test_every_obligation_of_the_map_is_traced(self):
        coverage = _rows(COVERAGE.read_text(encoding="utf-8"))
        self.assertGreater(len(coverage), 30)
        traced = set(self.rows)
        for coverage_id in coverage:
            for obligation in _expand(coverage_id):
                with self.subTest(id=obligation):
                    self.assertIn(obligation, traced)


if __name__ == "__main__":
    unittest.main()
