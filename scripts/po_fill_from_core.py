"""Fill untranslated entries of i18n/ar.po with Odoo's own Arabic translations.

Fields the module inherits from core models (the contact fields of a beneficiary, the
mail mixins...) are exported again under the module's models; their Arabic already
exists in Odoo's addons. Run with the Python that runs Odoo:

    python scripts/po_fill_from_core.py [i18n/ar.po]

Only exact msgid matches are used, and only where the entry is still empty."""

import sys
from pathlib import Path

import polib

import odoo.addons


def core_translations():
    found = {}
    for root in odoo.addons.__path__:
        for path in sorted(Path(root).glob("*/i18n/ar.po")):
            if path.parent.parent.name == "beneficiary_relations":
                continue
            for entry in polib.pofile(str(path)):
                if entry.msgstr and not entry.obsolete and entry.msgid not in found:
                    found[entry.msgid] = entry.msgstr
    return found


def main():
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "i18n/ar.po")
    po = polib.pofile(str(target), wrapwidth=0)
    core = core_translations()
    filled = 0
    for entry in po:
        if not entry.msgstr and entry.msgid in core:
            entry.msgstr = core[entry.msgid]
            filled += 1
    po.save(str(target))
    left = sum(1 for entry in po if not entry.msgstr and not entry.obsolete)
    print(f"{filled} entries filled from Odoo's translations, {left} left to translate")


if __name__ == "__main__":
    main()
