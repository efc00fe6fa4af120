"""Print the access matrix of tests/test_access_matrix.py as the Markdown table of the
README's "Security" section (no Odoo needed): python3 scripts/access_matrix_table.py"""

import ast
import sys
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent / "tests" / "test_access_matrix.py"
HEADER = (
    "| Model | Visitor | Portal A | Portal B | Officer X | Officer Y | Committee | Accountant "
    "| Manager | Internal user |\n|---|---|---|---|---|---|---|---|---|---|"
)


def load_matrix():
    for node in ast.parse(SOURCE.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "MATRIX":
            return ast.literal_eval(node.value)
    raise SystemExit(f"no MATRIX in {SOURCE}")


def cell(value):
    if "|" in value:
        own, other = value.split("|")
        return f"{own or '-'} / {other or '-'}"
    return value or "-"


def main():
    sys.stdout.write(HEADER + "\n")
    for model, cells in load_matrix().items():
        sys.stdout.write(f"| `{model}` | " + " | ".join(cell(value) for value in cells) + " |\n")


if __name__ == "__main__":
    main()
