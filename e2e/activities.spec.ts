import { expect, test } from "./test";
import { importCsv, screenshot, signUp, sql } from "./helpers";

const ago = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

for (const [device, viewport] of [["desktop", { width: 1280, height: 800 }], ["phone", { width: 390, height: 844 }]] as const) {
  test(`a lead's activities, sent before the lead arrived, show on its page newest first, filtered by type (${device})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await signUp(page);
    const email = `ana-${device}-${Date.now()}@fintech.example`;
    // The clicks come first; the lead later.
    const sent = await page.request.post("/api/activities", {
      data: {
        activities: [
          { email, type: "Webinar attended", occurredAt: ago(24 * 20), detail: "Scoring without a CRM", source: "Zoom" },
          { email, type: "Email clicked", occurredAt: ago(24 * 3), detail: "https://fintech.example/pricing?utm=newsletter", source: "Mailchimp" },
          { email, type: "email CLICKED", occurredAt: ago(30), detail: "javascript:alert(1)", source: "Mailchimp" },
          { email, type: "Demo requested", occurredAt: ago(2), detail: "Wants a call on Friday", source: "website" },
        ],
      },
    });
    expect(await sent.json()).toMatchObject({ created: 4, rejected: [] });
    await importCsv(page, "leads.csv", `Email,Full Name,Job Title\n${email},Ana Lopes,CFO\n`);
    const [{ id }] = await sql<{ id: string }>(`SELECT id FROM "Lead" WHERE email = $1`, [email]);

    await page.goto(`/leads/${id}`);
    const activity = page.getByTestId("activity");
    const items = activity.getByTestId("activity-list").getByRole("listitem");
    await expect(items).toHaveCount(4);
    await expect(items.first()).toContainText("Demo requested");
    await expect(items.last()).toContainText("Webinar attended");
    // Counts per type, the type written as it first came.
    await expect(activity.getByTestId("activity-types")).toContainText("All · 4");
    await expect(activity.getByTestId("activity-types")).toContainText("Email clicked · 2");
    // An http(s) detail is a link that opens apart; anything else is text.
    const link = activity.getByRole("link", { name: "https://fintech.example/pricing?utm=newsletter" });
    await expect(link).toHaveAttribute("rel", "noopener noreferrer");
    await expect(link).toHaveAttribute("target", "_blank");
    await expect(activity.getByRole("link", { name: "javascript:alert(1)" })).toHaveCount(0);
    await expect(activity.getByText("javascript:alert(1)")).toBeVisible();
    await activity.scrollIntoViewIfNeeded();
    await screenshot(page, `lead-activity-${device}`);

    await activity.getByRole("link", { name: "Email clicked · 2" }).click();
    await expect(items).toHaveCount(2);
    await expect(activity.getByRole("link", { name: "Email clicked · 2" })).toHaveAttribute("aria-current", "true");
  });
}

test("a lead with no activity says how activities arrive", async ({ page }) => {
  await signUp(page);
  const email = `quiet-${Date.now()}@lead.example`;
  await importCsv(page, "leads.csv", `Email,Full Name\n${email},Quiet Lead\n`);
  const [{ id }] = await sql<{ id: string }>(`SELECT id FROM "Lead" WHERE email = $1`, [email]);
  await page.goto(`/leads/${id}`);
  await expect(page.getByTestId("activity")).toContainText("No activity of this lead yet");
});
