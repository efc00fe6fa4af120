"""Every image the README and the app store page show exists in static/description, and
scripts/screenshots.mjs takes every screenshot the README links (so that retaking them
with the script never leaves a link broken)."""

import re
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DESCRIPTION = ROOT / "static" / "description"


class TestScreenshots(unittest.TestCase):
    def _linked(self):
        linked = set()
        for page in [ROOT / "README.md", *sorted((ROOT / "readme").glob("*.md"))]:
            linked |= set(re.findall(r"static/description/([\w.-]+\.png)", page.read_text(encoding="utf-8")))
        index = (DESCRIPTION / "index.html").read_text(encoding="utf-8")
        linked |= set(re.findall(r'src="([\w.-]+\.png)"', index))
        return linked

    def test_linked_images_exist(self):
        linked = self._linked()
        self.assertTrue(linked)
        missing = sorted(name for name in linked if not (DESCRIPTION / name).is_file())
        self.assertEqual(missing, [], "images linked but not in static/description")

    def test_script_takes_every_linked_image(self):
        script = (ROOT / "scripts" / "screenshots.mjs").read_text(encoding="utf-8")
        taken = set(re.findall(r'"((?:screenshot|report)_[\w-]+\.png)"', script))
        untaken = sorted(name for name in self._linked() - taken if name != "icon.png")
        self.assertEqual(untaken, [], "images linked that scripts/screenshots.mjs does not take")
