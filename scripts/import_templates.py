"""Write the spreadsheet templates of the beneficiaries' import (static/xls/), offered
by *Import* in the beneficiaries' list (``get_import_templates``).

The headings are the fields' labels, in English and in Arabic (as ``i18n/ar.po``
translates them): Odoo's import matches a heading to a field by its technical name, its
English label or its label in the user's language. Run with Odoo's Python (xlsxwriter):

    python scripts/import_templates.py
"""

import datetime
from pathlib import Path

import xlsxwriter

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = [
    # (English label, Arabic label, width)
    ("Name", "الاسم", 32),
    ("ID Number", "رقم الهوية", 16),
    ("Mobile", "الجوال", 16),
    ("Category", "الفئة", 20),
    ("City", "المدينة", 16),
    ("Head of Family ID Number", "رقم هوية عائل الأسرة", 26),
]


def write(path, arabic):
    book = xlsxwriter.Workbook(str(path))
    book.set_properties({"created": datetime.datetime(2026, 1, 1)})  # the same file on each run
    sheet = book.add_worksheet("المستفيدون" if arabic else "Beneficiaries")
    if arabic:
        sheet.right_to_left()
    heading = book.add_format({"bold": True, "bg_color": "#D9EAD3", "border": 1})
    text = book.add_format({"num_format": "@"})  # ID and mobile numbers stay text (leading 0)
    for index, (english, arabic_label, width) in enumerate(COLUMNS):
        sheet.set_column(index, index, width, text)
        sheet.write(0, index, arabic_label if arabic else english, heading)
    sheet.freeze_panes(1, 0)
    book.close()


def main():
    folder = ROOT / "static" / "xls"
    folder.mkdir(parents=True, exist_ok=True)
    write(folder / "beneficiaries_import_template.xlsx", arabic=False)
    write(folder / "beneficiaries_import_template_ar.xlsx", arabic=True)


if __name__ == "__main__":
    main()
