# beneficiary_relations: the two set-up commands of the README, and a few helpers.
.PHONY: demo test bench lint pot readme help

help:
	@echo "make demo   install the requirements, create a demo database in Arabic and serve it on http://localhost:8069"
	@echo "make test   static checks, helper tests and the Odoo suite on a fresh database (ends with 'N passed, N failed')"
	@echo "make bench  the performance benchmark (see README)"
	@echo "make readme generate README.md from the fragments of readme/"
	@echo "make pot    re-export i18n/beneficiary_relations.pot and merge it into i18n/ar.po"

demo:
	@scripts/demo.sh

test:
	@scripts/test.sh

bench:
	@scripts/bench.sh

pot:
	@scripts/export_pot.sh

lint:
	@BR_LINT_ONLY=1 scripts/test.sh

readme:
	@python3 scripts/readme.py
