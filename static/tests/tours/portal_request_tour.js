/** @odoo-module **/
/* A beneficiary asks for a service on the portal: two documents, a drawn signature. */

import { registry } from "@web/core/registry";

function attachFile(input, name, type, content) {
    const transfer = new DataTransfer();
    transfer.items.add(new File([content], name, { type }));
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
}

// a tiny but valid PDF, and a PNG signature-sized scan
const PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF";
const PNG = Uint8Array.from(
    atob(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
    ),
    (c) => c.charCodeAt(0)
);

async function drawOn(canvas) {
    const rect = canvas.getBoundingClientRect();
    const at = (type, x, y) =>
        new PointerEvent(type, {
            clientX: rect.left + x,
            clientY: rect.top + y,
            bubbles: true,
            pointerId: 1,
            pointerType: "mouse",
            isPrimary: true,
            buttons: 1,
        });
    canvas.dispatchEvent(at("pointerdown", 20, 20));
    for (let i = 1; i <= 25; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        canvas.dispatchEvent(at("pointermove", 20 + i * 8, 20 + ((i % 6) - 3) * 6));
    }
    canvas.ownerDocument.dispatchEvent(at("pointerup", 220, 20));
}

registry.category("web_tour.tours").add("beneficiary_portal_request", {
    url: "/my/requests",
    steps: () => [
        {
            content: "Start a new request",
            trigger: "a.o_br_new_request",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Choose the service",
            trigger: "a.o_br_choose_service[data-service-code='T-PORTAL']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Describe the need",
            trigger: "form.o_br_request_form textarea[name='description']",
            run: "edit طلب سلة غذائية شهرية للأسرة",
        },
        {
            content: "Attach the ID copy",
            trigger: "form.o_br_request_form input[type='file']:eq(0)",
            run() {
                attachFile(this.anchor, "id.pdf", "application/pdf", PDF);
            },
        },
        {
            content: "Attach the family register",
            trigger: "form.o_br_request_form input[type='file']:eq(1)",
            run() {
                attachFile(this.anchor, "register.png", "image/png", PNG);
            },
        },
        {
            content: "Send the request",
            trigger: "button.o_br_submit_request",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The declaration waits for the signature",
            trigger: ".o_br_sign_needed a.o_br_sign_button",
            run: "click",
        },
        {
            content: "Draw the signature",
            trigger: ".modal canvas.o_web_sign_signature",
            async run() {
                // On a busy machine the pad may still be resizing (which clears it) when
                // the first stroke lands: draw again until the dialog accepts it.
                const modal = this.anchor.closest(".modal");
                for (let attempt = 0; attempt < 5; attempt++) {
                    await drawOn(modal.querySelector("canvas.o_web_sign_signature"));
                    for (let wait = 0; wait < 20; wait++) {
                        if (modal.querySelector(".o_portal_sign_submit:enabled")) {
                            return;
                        }
                        await new Promise((resolve) => setTimeout(resolve, 100));
                    }
                }
            },
        },
        {
            content: "Sign and send",
            trigger: ".modal .o_portal_sign_submit:enabled",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The request is submitted: no signature is asked any more",
            trigger: ".o_br_request_page:not(:has(.o_br_sign_needed))",
        },
        {
            content: "Both documents were received",
            trigger: ".o_br_request_page:has(.o_br_document:eq(1))",
            run() {
                window.location.href = "/my/requests";
            },
            expectUnloadPage: true,
        },
        {
            content: "The request is in the list",
            trigger: "tr.o_br_request_row",
        },
    ],
});

registry.category("web_tour.tours").add("beneficiary_public_complaint", {
    url: "/complaint",
    steps: () => [
        {
            content: "Name",
            trigger: "form.o_br_complaint_form input[name='contact_name']",
            run: "edit سلمان الحربي",
        },
        {
            content: "Mobile",
            trigger: "form.o_br_complaint_form input[name='contact_mobile']",
            run: "edit 0551239876",
        },
        {
            content: "Subject",
            trigger: "form.o_br_complaint_form input[name='subject']",
            run: "edit تأخر الرد على طلبي",
        },
        {
            content: "Message",
            trigger: "form.o_br_complaint_form textarea[name='description']",
            run: "edit قدمت طلباً منذ شهر ولم يصلني رد.",
        },
        {
            content: "Send",
            trigger: "button.o_br_send_complaint",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The reference is shown",
            trigger: ".o_br_complaint_thanks .o_br_reference:contains('CMP/')",
        },
    ],
});
