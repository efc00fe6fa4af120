"""18.0.1.0.0 -> 18.0.1.1.0, after the module's data is loaded: the texts of this release.

- The program e-mails (interview, call to complete, receipt voucher) are `noupdate` data
  that this release rewrites (respectful plural, right-to-left body, amounts in riyals):
  they are loaded again this once, and stay `noupdate` so that an association's own
  edits survive the next upgrades.
- The Arabic of this release replaces the previous one: terms were corrected (one term
  per concept, nouns for who did what, the respectful plural in e-mails), which a normal
  upgrade would not do since it only fills missing translations.
- Each company gets its own copies of the module's sequences (also done by
  data/ir_sequence_company_data.xml at every upgrade; the existing copies keep their
  numbers).
"""

from odoo import SUPERUSER_ID, api
from odoo.tools.convert import convert_file
from odoo.tools.translate import TranslationImporter, get_po_paths

MODULE = "beneficiary_relations"
RELOADED_DATA = ("data/beneficiary_program_mail_template_data.xml",)
RELOADED_RECORDS = (
    f"{MODULE}.mail_template_program_interview_invitation",
    f"{MODULE}.mail_template_program_complete_registration",
    f"{MODULE}.mail_template_program_receipt",
)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for filename in RELOADED_DATA:
        # mode "init": noupdate records are written too
        convert_file(env, MODULE, filename, {}, mode="init", noupdate=True, kind="data")
    arabic = [code for code, _name in env["res.lang"].get_installed() if code.startswith("ar")]
    if arabic:
        # the module's terms, but what an association changed on its noupdate records
        env["ir.module.module"]._load_module_terms([MODULE], arabic, overwrite=True)
        # and the reloaded e-mails, though noupdate
        importer = TranslationImporter(cr, verbose=False)
        for lang in arabic:
            for po_path in get_po_paths(MODULE, lang):
                importer.load_file(po_path, lang, xmlids=RELOADED_RECORDS)
        importer.save(overwrite=True, force_overwrite=True)
    env["ir.sequence"]._beneficiary_create_all_company_sequences()
