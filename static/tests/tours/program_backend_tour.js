/** @odoo-module **/

import { registry } from "@web/core/registry";

// Staff open a running program, take the day's attendance for the whole group at once,
// and look at a participant's registration.
registry.category("web_tour.tours").add("beneficiary_program_backend_tour", {
    url: "/odoo/action-beneficiary_relations.beneficiary_program_action",
    steps: () => [
        {
            content: "Open the running program",
            trigger: ".o_kanban_record:contains('Backend Camp')",
            run: "click",
        },
        {
            content: "Open its session days",
            trigger: ".o_form_view button[name=action_view_sessions]",
            run: "click",
        },
        {
            content: "Open the first day's attendance sheet",
            trigger: ".o_list_view .o_data_row:first-child td.o_data_cell[name=date]",
            run: "click",
        },
        {
            content: "Mark the whole group present",
            trigger: ".o_form_view button[name=action_mark_all_present]",
            run: "click",
        },
        {
            content: "The participant is on the sheet",
            trigger: ".o_field_widget[name=attendance_ids] .o_data_row:contains('Salem Al-Harbi')",
        },
        {
            content: "Everybody is present",
            trigger: ".o_form_view .o_field_widget[name=present_count]:contains('1')",
        },
        {
            content: "Back to the program",
            trigger: ".o_breadcrumb .breadcrumb-item:nth-child(2) a",
            run: "click",
        },
        {
            content: "Open its registrations",
            trigger: ".o_form_view button[name=action_view_registrations]",
            run: "click",
        },
        {
            content: "Open the participant's registration",
            trigger: ".o_list_view .o_data_row:contains('Salem Al-Harbi') td.o_data_cell[name=beneficiary_id]",
            run: "click",
        },
        {
            content: "Open the attendance tab",
            trigger: ".o_form_view .o_notebook a.nav-link:contains('Attendance')",
            run: "click",
        },
        {
            content: "The registration shows the day's presence",
            trigger: ".o_form_view .o_field_widget[name=present_count]:contains('1')",
        },
    ],
});
