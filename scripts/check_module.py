"""Static checks Odoo does not do before install: every XML file well-formed, every file
the manifest names present, and every data file of the module named in the manifest."""

import ast
import sys
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
DATA_DIRS = ("data", "demo", "reports", "security", "views", "wizards")


def main():
    errors = []
    manifest = ast.literal_eval((ROOT / "__manifest__.py").read_text(encoding="utf-8"))
    listed = set()
    for key in ("data", "demo"):
        for name in manifest.get(key, []):
            listed.add(name)
            if not (ROOT / name).is_file():
                errors.append(f"manifest {key!r} names {name}, which does not exist")
    for bundle, files in manifest.get("assets", {}).items():
        for name in files:
            local = isinstance(name, str) and "*" not in name and name.startswith("beneficiary_relations/")
            if local and not (ROOT / name.split("/", 1)[1]).is_file():
                errors.append(f"asset bundle {bundle} names {name}, which does not exist")
    for path in sorted(ROOT.rglob("*.xml")):
        if any(part.startswith(".") for part in path.relative_to(ROOT).parts):
            continue
        try:
            etree.parse(str(path))
        except etree.XMLSyntaxError as exc:
            errors.append(f"{path.relative_to(ROOT)}: {exc}")
    for folder in DATA_DIRS:
        for path in sorted((ROOT / folder).glob("*")):
            if path.suffix in (".xml", ".csv"):
                rel = str(path.relative_to(ROOT))
                if rel not in listed:
                    errors.append(f"{rel} is not named in the manifest (data or demo)")
    for dep in manifest.get("external_dependencies", {}).get("python", []):
        req = (ROOT / "requirements.txt").read_text(encoding="utf-8").lower()
        if dep.lower() not in req:
            errors.append(f"python dependency {dep} missing from requirements.txt")
    for error in errors:
        print(error)
    print(f"{len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
