/** @odoo-module **/
/* A person without a file applies for a service on the public page /apply: name, Saudi ID,
   mobile, city, category, the documents, the consent. */

import { registry } from "@web/core/registry";

const PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF";

function attachFile(input, name, type, content) {
    const transfer = new DataTransfer();
    transfer.items.add(new File([content], name, { type }));
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
}

registry.category("web_tour.tours").add("beneficiary_public_application", {
    url: "/apply",
    steps: () => [
        {
            content: "Choose the service",
            trigger: "a.o_br_apply_service[data-service-code='T-APPLY']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Full name",
            trigger: "form.o_br_application_form input[name='name']",
            run: "edit مشاعل بنت سعد القحطاني",
        },
        {
            content: "ID number, typed with Arabic-Indic digits",
            trigger: "form.o_br_application_form input[name='national_id']",
            run: "edit ١٤٠٠٠٠٠٧٧٢",
        },
        {
            content: "Mobile",
            trigger: "form.o_br_application_form input[name='mobile']",
            run: "edit 0557771234",
        },
        {
            content: "City",
            trigger: "form.o_br_application_form input[name='city']",
            run: "edit الرياض",
        },
        {
            content: "Category",
            trigger: "form.o_br_application_form select[name='category_id']",
            run: "selectByLabel Widows",
        },
        {
            content: "What is needed",
            trigger: "form.o_br_application_form textarea[name='description']",
            run: "edit سلة غذائية شهرية للأسرة",
        },
        {
            content: "Attach the ID copy",
            trigger: "form.o_br_application_form input[type='file']:eq(0)",
            run() {
                attachFile(this.anchor, "id.pdf", "application/pdf", PDF);
            },
        },
        {
            content: "Consent",
            trigger: "form.o_br_application_form input[name='consent']",
            run: "click",
        },
        {
            content: "Send the application",
            trigger: "button.o_br_submit_application",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The application is received",
            trigger: ".o_br_application_thanks",
        },
    ],
});
