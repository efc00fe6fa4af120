/** @odoo-module **/
/**
 * One digit system on a page. For Arabic (ar-001, ar-SA) Odoo formats dates and times
 * with Arabic-Indic digits (١٥ ديسمبر ٢٠٢٦) while numbers, amounts, references, phone
 * numbers and the server's Hijri dates stay in ASCII digits (15, REQ/2026/00004,
 * +966..., 6 رجب 1448 هـ): a form then mixes two digit systems. The associations write
 * ASCII digits (their references, IDs and phone numbers are typed with them), so dates
 * are formatted with them too, in the backend and on the portal.
 */
import { registry } from "@web/core/registry";

const { Settings } = luxon;

export const latinDigitsService = {
    dependencies: ["localization"],
    start() {
        Settings.defaultNumberingSystem = "latn";
    },
};

registry.category("services").add("beneficiary_relations.latin_digits", latinDigitsService);
