// Screenshots of the demo for the README and static/description (a developer tool), and
// the first page of every letter and report as a PNG.
// Start `make demo` first, then: node scripts/screenshots.mjs [base URL]
// Needs the npm package playwright-core, Chromium (CHROMIUM=/usr/bin/chromium) and
// pdftoppm (poppler-utils); PYTHON a Python with Pillow to reduce the PNGs (Odoo's own
// Python has it: PYTHON=/path/to/odoo/venv/bin/python). SHOTS_DIR changes the output
// folder, ONLY=<part of a file name> retakes some of them.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const base = process.argv[2] || "http://localhost:8069";
const out = process.env.SHOTS_DIR || "static/description";
const only = process.env.ONLY || "";
const M = "beneficiary_relations.";
const action = (xmlid) => `/odoo/action-${M}${xmlid}`;

// [login, file, path (or a function of the demo records' ids), selector to wait for,
//  optional selector to scroll into view]
const shots = [
    ["manager", "screenshot_requests_kanban.png", action("beneficiary_service_request_action") + "?view_type=kanban", ".o_kanban_view"],
    ["manager", "screenshot_request_form.png", (ids) => `${action("beneficiary_service_request_action")}/${ids.request_in_review_demo}`, ".o_form_view"],
    ["manager", "screenshot_beneficiaries.png", action("beneficiary_beneficiary_action"), ".o_list_view, .o_kanban_view"],
    ["manager", "screenshot_beneficiary_form.png", (ids) => `${action("beneficiary_beneficiary_action")}/${ids.beneficiary_noura_alotaibi_demo}`, ".o_form_view"],
    ["manager", "screenshot_complaints.png", action("beneficiary_complaint_action"), ".o_list_view, .o_kanban_view"],
    ["manager", "screenshot_complaint_form.png", (ids) => `${action("beneficiary_complaint_action")}/${ids.complaint_wrong_transfer_demo}`, ".o_form_view"],
    ["accountant", "screenshot_compensation_form.png", (ids) => `${action("beneficiary_compensation_action")}/${ids.compensation_wrong_transfer_demo}`, ".o_form_view"],
    ["manager", "screenshot_request_analysis.png", action("beneficiary_service_request_action_analysis"), ".o_pivot_view, .o_graph_view"],
    ["manager", "screenshot_satisfaction_analysis.png", action("beneficiary_satisfaction_report_action"), ".o_pivot_view, .o_graph_view, .o_list_view"],
    ["manager", "screenshot_programs.png", action("beneficiary_program_action"), ".o_kanban_view, .o_list_view"],
    ["manager", "screenshot_service_types.png", action("beneficiary_service_type_action"), ".o_list_view"],
    ["manager", "screenshot_notification_log.png", action("beneficiary_notification_log_action"), ".o_list_view"],
    ["manager", "screenshot_supervision.png", action("beneficiary_liaison_report_action"), ".o_pivot_view, .o_graph_view"],
    ["committee", "screenshot_compensation_approvals.png", (ids) => `${action("beneficiary_compensation_action")}/${ids.compensation_wrong_transfer_demo}`, ".o_form_view", "[name=minutes_approval_ids]"],
    ["portal_beneficiary", "screenshot_portal_home.png", "/my", ".o_portal_my_home"],
    ["portal_beneficiary", "screenshot_portal_requests.png", "/my/requests", ".o_portal_my_doc_table, table"],
    ["portal_beneficiary", "screenshot_portal_request.png", (ids) => `/my/requests/${ids.request_portal_demo}`, ".o_portal_chatter"],
    ["portal_beneficiary", "screenshot_portal_complaint.png", (ids) => `/my/complaints/${ids.complaint_portal_demo}`, ".o_portal_chatter"],
    ["portal_beneficiary", "screenshot_portal_new_request.png", "/my/requests/new", ".o_br_service_choice"],
    ["portal_beneficiary", "screenshot_portal_profile.png", "/my/beneficiary", ".o_br_profile"],
    ["portal_beneficiary", "screenshot_portal_programs.png", "/my/programs", ".o_br_program_card"],
    [null, "screenshot_public_complaint.png", "/complaint", ".o_br_complaint_form"],
    [null, "screenshot_public_policy.png", "/beneficiary-policy", ".o_beneficiary_policy_page"],
    [null, "screenshot_public_apply.png", "/apply", ".o_br_application"],
    [null, "screenshot_public_programs.png", "/programs", ".o_br_programs_public"],
    [null, "screenshot_policy_signing.png", (ids) => ids.policy_signing_url, ".o_br_policy_acknowledge"],
];
// [file, report, demo record (xml id, or "compliance" for a new report of this year)]
const reports = [
    ["report_beneficiary_summary.png", "report_beneficiary_summary", "beneficiary_noura_alotaibi_demo"],
    ["report_request_acknowledgement.png", "report_request_acknowledgement", "request_portal_demo"],
    ["report_request_decision.png", "report_request_decision", "request_accepted_demo"],
    ["report_complaint_acknowledgement.png", "report_complaint_acknowledgement", "complaint_late_basket_demo"],
    ["report_complaint_answer.png", "report_complaint_outcome", "complaint_wrong_transfer_demo"],
    ["report_compensation_settlement.png", "report_compensation_settlement", "compensation_wrong_transfer_demo"],
    ["report_policy_compliance.png", "report_policy_compliance", "compliance"],
    ["report_policy.png", "report_beneficiary_policy", "beneficiary_policy_demo"],
    ["report_program.png", "report_beneficiary_program", "program_women_empowerment_demo"],
    ["report_program_receipt.png", "report_program_receipt", "registration_quran_bandar_demo"],
];

async function login(context, user) {
    const page = await context.newPage();
    await page.goto(`${base}/web/login`);
    await page.fill("input[name=login]", user);
    await page.fill("input[name=password]", user);
    await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
    return page;
}

async function rpc(page, model, method, args, kwargs = {}) {
    const response = await page.request.post(`${base}/web/dataset/call_kw/${model}/${method}`, {
        data: { jsonrpc: "2.0", method: "call", params: { model, method, args, kwargs } },
    });
    const body = await response.json();
    if (body.error) {
        throw new Error(`${model}.${method}: ${JSON.stringify(body.error.data?.message || body.error)}`);
    }
    return body.result;
}

const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
const written = [];
const newContext = () => browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: "ar-SA",
    // the web client shows times in the browser's time zone: the association's
    timezoneId: "Asia/Riyadh",
});

// the demo records' ids, read as the administrator; the reports printed by the manager
const adminContext = await newContext();
const adminPage = await login(adminContext, "admin");
const managerContext = await newContext();
const managerPage = await login(managerContext, "manager");
const wanted = [
    "request_in_review_demo", "beneficiary_noura_alotaibi_demo", "complaint_wrong_transfer_demo",
    "compensation_wrong_transfer_demo", "request_portal_demo", "complaint_portal_demo",
    ...reports.map((r) => r[2]).filter((name) => name !== "compliance"),
];
const data = await rpc(adminPage, "ir.model.data", "search_read",
    [[["module", "=", "beneficiary_relations"], ["name", "in", wanted]]], { fields: ["name", "res_id"] });
const ids = Object.fromEntries(data.map((row) => [row.name, row.res_id]));
// the personal signing link of an employee without an Odoo login who has not signed yet
const [pending] = await rpc(adminPage, "beneficiary.policy.acknowledgment", "search_read",
    [[["user_id", "=", false], ["state", "=", "pending"]]], { fields: ["access_url", "access_token"], limit: 1 });
ids.policy_signing_url = pending ? `${pending.access_url}?access_token=${pending.access_token}` : "/beneficiary-policy";
await adminContext.close();

for (const [user, file, path, selector, scrollTo] of shots) {
    if (only && !file.includes(only)) {
        continue;
    }
    const context = await newContext();
    const page = user ? await login(context, user) : await context.newPage();
    await page.goto(base + (typeof path === "function" ? path(ids) : path));
    await page.waitForSelector(selector, { timeout: 30000 });
    if (scrollTo) {
        await page.locator(scrollTo).first().scrollIntoViewIfNeeded();
    }
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `${out}/${file}` });
    written.push(`${out}/${file}`);
    console.log(`${out}/${file}`);
    await context.close();
}

const tmp = mkdtempSync(join(tmpdir(), "br-reports-"));
for (const [file, report, record] of reports) {
    if (only && !file.includes(only)) {
        continue;
    }
    const id = record === "compliance"
        ? await rpc(managerPage, "beneficiary.compliance.report", "create", [{}])
        : ids[record];
    const response = await managerPage.request.get(`${base}/report/pdf/${M}${report}/${id}`);
    if (!response.ok() || !(response.headers()["content-type"] || "").includes("pdf")) {
        throw new Error(`${report}/${id}: ${response.status()} ${await response.text()}`);
    }
    const pdf = join(tmp, `${report}.pdf`);
    writeFileSync(pdf, await response.body());
    execFileSync("pdftoppm", ["-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", pdf, join(out, file.replace(/\.png$/, ""))]);
    written.push(`${out}/${file}`);
    console.log(`${out}/${file}`);
}
await managerContext.close();
await browser.close();

// 128-colour PNGs: a third of the size, the text as sharp (needs Pillow in PYTHON; the
// images are kept as taken when it is missing)
const shrink = `
import sys
from PIL import Image
for path in sys.argv[1:]:
    Image.open(path).convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
`;
try {
    execFileSync(process.env.PYTHON || "python3", ["-c", shrink, ...written]);
} catch (error) {
    console.log(`PNGs not reduced (${error.message.split("\n")[0]}): set PYTHON to a Python with Pillow`);
}
