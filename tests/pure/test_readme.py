"""README.md is the fragments of readme/ put together (scripts/readme.py), and every link of
the documentation points to a file of the repository."""

import pathlib
import re
import sys
import unittest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import readme  # noqa: E402

LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


class TestReadme(unittest.TestCase):
    def test_readme_is_generated_from_the_fragments(self):
        self.assertEqual(
            (ROOT / "README.md").read_text(encoding="utf-8"),
            readme.render(),
            "README.md differs from readme/*.md: edit the fragments and run `make readme`",
        )

    def test_links_stay_inside_the_repository(self):
        documents = [ROOT / "README.md", ROOT / "DEVELOPERS.md", *sorted((ROOT / "docs").glob("*.md"))]
        broken = []
        for document in documents:
            for target in LINK.findall(document.read_text(encoding="utf-8")):
                if target.startswith(("http://", "https://", "mailto:")):
                    continue
                path = (document.parent / target).resolve()
                if not path.is_relative_to(ROOT) or not path.exists():
                    broken.append(f"{document.relative_to(ROOT)}: {target}")
        self.assertFalse(broken, "links to nothing, or outside the repository:\n" + "\n".join(broken))


if __name__ == "__main__":
    unittest.main()
