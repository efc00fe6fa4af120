// Screenshots of the demo for the README and static/description (a developer tool).
// Start `make demo` first, then: node scripts/screenshots.mjs [base URL]
// Needs the npm package playwright-core and Chromium (CHROMIUM=/usr/bin/chromium).
import { chromium } from "playwright-core";

const base = process.argv[2] || "http://localhost:8069";
const out = process.env.SHOTS_DIR || "static/description";
const shots = [
    // [login, file, path, wait for selector]
    ["manager", "screenshot_beneficiaries.png", "/odoo/action-beneficiary_relations.beneficiary_beneficiary_action", ".o_list_view"],
    ["manager", "screenshot_beneficiary_form.png", "/odoo/action-beneficiary_relations.beneficiary_beneficiary_action/1", ".o_form_view"],
    ["manager", "screenshot_requests_kanban.png", "/odoo/action-beneficiary_relations.beneficiary_service_request_action?view_type=kanban", ".o_kanban_view"],
    ["manager", "screenshot_request_form.png", "/odoo/action-beneficiary_relations.beneficiary_service_request_action/4", ".o_form_view"],
    ["manager", "screenshot_complaints.png", "/odoo/action-beneficiary_relations.beneficiary_complaint_action", ".o_list_view"],
    ["manager", "screenshot_request_analysis.png", "/odoo/action-beneficiary_relations.beneficiary_service_request_action_analysis", ".o_pivot_view"],
    ["portal_beneficiary", "screenshot_portal_home.png", "/my", ".o_portal_my_home"],
    ["portal_beneficiary", "screenshot_portal_new_request.png", "/my/requests/new", ".o_br_service_choice"],
    ["portal_beneficiary", "screenshot_portal_profile.png", "/my/beneficiary", ".o_br_profile"],
    [null, "screenshot_public_complaint.png", "/complaint", ".o_br_complaint_form"],
    [null, "screenshot_public_policy.png", "/beneficiary-policy", ".o_beneficiary_policy_page"],
    ["portal_beneficiary", "screenshot_portal_programs.png", "/my/programs", ".o_br_program_card"],
];

const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
for (const [login, file, path, selector] of shots) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "ar-SA" });
    const page = await context.newPage();
    if (login) {
        await page.goto(`${base}/web/login`);
        await page.fill("input[name=login]", login);
        await page.fill("input[name=password]", login);
        await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
    }
    await page.goto(base + path);
    await page.waitForSelector(selector, { timeout: 30000 });
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `${out}/${file}` });
    console.log(`${out}/${file}`);
    await context.close();
}
await browser.close();
