/** @odoo-module **/

import { registry } from "@web/core/registry";

// A head of family registers their child in a program from the portal: the form is
// refused while the guardian is missing, then accepted and confirmed.
registry.category("web_tour.tours").add("beneficiary_program_portal_tour", {
    url: "/my/programs",
    steps: () => [
        {
            content: "Open the program announced on the portal",
            trigger: ".o_br_program_card:contains('Tour Summer Camp') a.o_br_program_details",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Register the child",
            trigger: "select[name=beneficiary_id]",
            run: "selectByLabel Tour Child",
        },
        {
            content: "Say why",
            trigger: "textarea[name=motivation]",
            run: "edit To memorise the Quran with friends",
        },
        {
            content: "Submit without the guardian",
            trigger: "button.o_br_register_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The incomplete form is refused",
            trigger: ".o_br_register_error:contains('Guardian')",
        },
        {
            content: "Register the child again",
            trigger: "select[name=beneficiary_id]",
            run: "selectByLabel Tour Child",
        },
        {
            content: "Give the guardian's name",
            trigger: "input[name=guardian_name]",
            run: "edit Tour Parent",
        },
        {
            content: "Give the guardian's mobile",
            trigger: "input[name=guardian_phone]",
            run: "edit 0551112233",
        },
        {
            content: "Submit the complete form",
            trigger: "button.o_br_register_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The registration is received",
            trigger: ".o_br_registered:contains('Tour Summer Camp')",
        },
        {
            content: "It is confirmed",
            trigger: ".o_br_registration_row:contains('Tour Child') .o_br_registration_state[data-state=confirmed]",
        },
    ],
});
