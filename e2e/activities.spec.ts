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

for (const [device, viewport] of [["desktop", { width: 1280, height: 800 }], ["phone", { width: 390, height: 844 }]] as const) {
  test(`an activity file uploaded in the browser: mapped, imported, accounted for, and on the lead's timeline (${device})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await signUp(page);
    const stamp = `${device}-${Date.now()}`;
    const ana = `ana-${stamp}@fintech.example`;
    await importCsv(page, "leads.csv", `Email,Full Name,Job Title\n${ana},Ana Lopes,CFO\n`);
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    const file = [
      "Contact Email,Event,Timestamp,Page URL,Channel",
      `${ana},Page view,${day(4)},https://fintech.example/pricing,website`,
      `${ana},Demo requested,${day(1)},,website`,
      `${ana},Demo requested,${day(1)},,website`,
      `stranger-${stamp}@elsewhere.example,Email clicked,${day(2)},Newsletter 12,Mailchimp`,
      `not-an-email,Page view,${day(1)},,`,
      "",
    ].join("\n");

    await page.goto("/imports");
    await page.getByTestId("import-kind").getByText("Activities").click();
    await page.getByLabel("CSV or Excel file").setInputFiles({ name: "website-events.csv", mimeType: "text/csv", buffer: Buffer.from(file) });
    // The usual headers are mapped; the preview says what each row holds.
    await expect(page.getByLabel('Import "Contact Email" as')).toHaveValue("email");
    await expect(page.getByLabel('Import "Event" as')).toHaveValue("type");
    await expect(page.getByLabel('Import "Timestamp" as')).toHaveValue("occurredAt");
    await expect(page.getByLabel('Import "Page URL" as')).toHaveValue("detail");
    const preview = page.getByTestId("preview");
    await expect(preview.getByText("Ready: 1 activity").first()).toBeVisible();
    await expect(preview.getByText(/not a valid email/)).toBeVisible();
    await screenshot(page, `activity-import-mapping-${device}`);

    await page.getByRole("button", { name: "Import website-events.csv" }).click();
    await expect(page.getByText("Import finished.")).toBeVisible();
    const counts = page.getByTestId("import-counts").first();
    await expect(counts.getByTestId("count-created")).toHaveText("3");
    await expect(counts.getByTestId("count-duplicates")).toHaveText("1");
    await expect(counts.getByTestId("count-rejected")).toHaveText("1");
    await expect(counts.getByTestId("count-rows")).toHaveText("5");
    const findings = page.getByTestId("activity-findings").first();
    await expect(findings).toContainText("2 activities for 1 of your leads");
    await expect(findings.getByTestId("unknown-people")).toContainText("1 activity for 1 person who is not among your leads yet");
    const download = page.waitForEvent("download");
    await findings.getByRole("link", { name: "Download their emails (CSV)" }).click();
    const emails = await (await download).path();
    const { readFileSync } = await import("node:fs");
    expect(readFileSync(emails, "utf8")).toContain(`stranger-${stamp}@elsewhere.example,1`);
    await screenshot(page, `activity-import-done-${device}`);

    const [{ id }] = await sql<{ id: string }>(`SELECT id FROM "Lead" WHERE email = $1`, [ana]);
    await page.goto(`/leads/${id}`);
    const items = page.getByTestId("activity").getByTestId("activity-list").getByRole("listitem");
    await expect(items).toHaveCount(2);
    await expect(items.first()).toContainText("Demo requested");
    await expect(items.last()).toContainText("https://fintech.example/pricing");

    // The leads table: when each lead last did something, and a filter by it.
    await page.goto("/leads");
    if (device === "desktop") await expect(page.getByTestId("last-activity").first()).toHaveText("yesterday");
    await page.getByRole("combobox", { name: /^Activity/ }).selectOption({ label: "In the last 7 days" });
    await page.getByRole("button", { name: "Show leads" }).click();
    await expect(page).toHaveURL(/active=7/);
    await expect(page.getByTestId("lead-total")).toHaveText("1 lead");
    await screenshot(page, `leads-active-${device}`);
    await page.getByRole("combobox", { name: /^Activity/ }).selectOption({ label: "No activity" });
    await page.getByRole("button", { name: "Show leads" }).click();
    await expect(page.getByRole("heading", { name: "No leads match" })).toBeVisible();
  });
}

test("a file of one row per person with a column per activity: the columns are counted, dated the day of the import, and undone exactly", async ({ page }) => {
  await signUp(page);
  const stamp = Date.now();
  await page.goto("/imports");
  await page.getByTestId("import-kind").getByText("Activities").click();
  await expect(page.getByText("Exports of your newsletter tool")).toBeVisible();
  await screenshot(page, "import-kind-choice");
  const webinar = `Email,Registered,Attended\nana-${stamp}@x.example,yes,yes\nbo-${stamp}@x.example,yes,no\ncy-${stamp}@x.example,no,no\n`;
  await page.getByLabel("CSV or Excel file").setInputFiles({ name: "webinar.csv", mimeType: "text/csv", buffer: Buffer.from(webinar) });
  await expect(page.getByLabel('Import "Registered" as')).toHaveValue("counted");
  await expect(page.getByLabel('Import "Attended" as')).toHaveValue("counted");
  await expect(page.getByTestId("counted-date")).toContainText("dated the day of the import");
  await expect(page.getByTestId("preview").getByText("Ready: 2 activities")).toBeVisible();
  // Without an email column nothing can be imported, and the page says why.
  await page.getByLabel('Import "Email" as').selectOption({ label: "Ignore this column" });
  await expect(page.getByText("Choose the column that holds email addresses")).toBeVisible();
  await expect(page.getByRole("button", { name: "Import webinar.csv" })).toBeDisabled();
  await page.getByLabel('Import "Email" as').selectOption({ label: "Email" });
  await page.getByRole("button", { name: "Import webinar.csv" }).click();
  await expect(page.getByText("Import finished.")).toBeVisible();
  await expect(page.getByTestId("import-counts").first().getByTestId("count-created")).toHaveText("3");
  await expect(page.getByTestId("activity-findings").first()).toContainText("counted no activity");
  expect((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "Activity" WHERE email LIKE $1`, [`%-${stamp}@x.example`]))[0].n).toBe(3);

  await page.getByRole("link", { name: "Import details" }).click();
  await expect(page.getByText("Registered → Activity type: a count or yes/no per row")).toBeVisible();
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: /Undo/ }).first().click();
  await expect.poll(async () => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "Activity" WHERE email LIKE $1`, [`%-${stamp}@x.example`]))[0].n).toBe(0);
});
