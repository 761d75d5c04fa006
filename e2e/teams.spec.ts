import { expect, test } from "./test";
import { newAccount, PASSWORD, screenshot, signIn, signUp } from "./helpers";

/**
 * A company becomes a team: the owner invites a colleague (who already has a LeadRank account
 * of their own) and a viewer (who has none), each accepts in their own browser, the colleague
 * switches between companies, the viewer can only look, and the owner sets up an API token
 * for a script and revokes it.
 */
test("an owner invites a colleague and a viewer, and each can do exactly what their role allows", async ({ browser, page, consoleErrors }) => {
  test.setTimeout(120_000);
  consoleErrors.allow(/status of 40[34]/);
  page.on("dialog", (dialog) => void dialog.accept());
  const owner = await signUp(page, newAccount("Acme"));

  // The colleague has a company of their own already.
  const colleagueContext = await browser.newContext();
  const colleague = await colleagueContext.newPage();
  const colleagueAccount = await signUp(colleague, newAccount("Colleague"));
  const viewerEmail = newAccount("viewer").email;

  await page.goto("/team");
  await expect(page.getByTestId("member-row")).toHaveCount(1);
  const invite = async (email: string, role: string) => {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Role", { exact: true }).selectOption(role);
    await page.getByRole("button", { name: "Invite", exact: true }).click();
    const link = page.getByLabel("Invitation link");
    await expect(link).toHaveValue(/\/invite\//);
    await expect(page.getByText(`E-mail is not set up on this LeadRank server, so send ${email} this link yourself.`)).toBeVisible();
    return link.inputValue();
  };
  const colleagueLink = await invite(colleagueAccount.email, "member");
  const viewerLink = await invite(viewerEmail, "viewer");
  await expect(page.getByRole("list", { name: "Pending invitations" }).getByRole("listitem")).toHaveCount(2);
  await screenshot(page, "desktop-team-invitations");

  // The colleague, signed in to their own company, joins with one click.
  await colleague.goto(colleagueLink);
  await expect(colleague.getByRole("heading", { name: `Join ${owner.companyName} on LeadRank` })).toBeVisible();
  await screenshot(colleague, "desktop-invite-signed-in");
  await colleague.getByRole("button", { name: `Join ${owner.companyName}` }).click();
  await expect(colleague).toHaveURL(/\/dashboard$/);
  const switcher = colleague.getByLabel("Company");
  await expect(switcher).toHaveValue(/.+/);
  await expect(switcher.locator("option:checked")).toHaveText(owner.companyName);
  await expect(colleague.getByTestId("role")).toHaveText("Member");
  // The link worked once.
  await colleague.goto(colleagueLink);
  await expect(colleague.getByRole("heading", { name: "This invitation link does not work" })).toBeVisible();
  // Switching company: the header, the role and the data follow.
  await colleague.goto("/dashboard");
  await colleague.getByLabel("Company").selectOption({ label: colleagueAccount.companyName });
  await expect(colleague.getByLabel("Company").locator("option:checked")).toHaveText(colleagueAccount.companyName);
  await expect(colleague.getByTestId("role")).toHaveText("Owner");

  // The viewer has no account: the link asks for a name and password.
  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await viewer.goto(viewerLink);
  await viewer.getByLabel("Your name").fill("Vera Viewer");
  await viewer.getByLabel("Password").fill(PASSWORD);
  await screenshot(viewer, "desktop-invite-new-account");
  await viewer.getByRole("button", { name: `Join ${owner.companyName}` }).click();
  await expect(viewer).toHaveURL(/\/dashboard$/);
  await expect(viewer.getByTestId("company-name")).toHaveText(owner.companyName);
  await expect(viewer.getByTestId("role")).toHaveText("Viewer");
  // A viewer sees no import button, and the API refuses an upload from them with 403.
  await viewer.goto("/imports");
  await expect(viewer.getByTestId("viewer-imports")).toBeVisible();
  await expect(viewer.getByRole("button", { name: /upload|choose/i })).toHaveCount(0);
  await screenshot(viewer, "desktop-imports-viewer");
  const upload = await viewer.request.post("/api/imports", { multipart: { file: { name: "x.csv", mimeType: "text/csv", buffer: Buffer.from("Email\na@b.example\n") } } });
  expect(upload.status()).toBe(403);
  expect((await upload.json()).error.code).toBe("forbidden");
  expect((await viewer.request.post("/api/tokens", { data: { name: "mine" } })).status()).toBe(403);
  await expect(viewer.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  expect((await viewer.goto("/audit"))?.status()).toBe(404);
  await viewer.goto("/settings");
  await expect(viewer.getByRole("heading", { name: "API tokens" })).toHaveCount(0);

  // The owner sees the team, and the audit log says who joined.
  await page.goto("/team");
  await expect(page.getByTestId("member-row")).toHaveCount(3);
  await expect(page.getByText("No pending invitations.")).toBeVisible();
  await screenshot(page, "desktop-team");
  await page.goto("/audit?action=invitation.accept");
  await expect(page.getByTestId("audit-row")).toHaveCount(2);
  await page.goto("/audit");
  await screenshot(page, "desktop-audit");

  // A token for a script: shown once, works as a bearer token, stops when revoked.
  await page.goto("/settings");
  await page.getByLabel("Token name").fill("Nightly CRM sync");
  await page.getByLabel("Role", { exact: true }).selectOption("member");
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = await page.getByLabel("New API token").inputValue();
  expect(secret).toMatch(/^lr_/);
  await expect(page.getByTestId("token-row")).toHaveCount(1);
  await screenshot(page, "desktop-settings-token");
  const headers = { Authorization: `Bearer ${secret}` };
  const script = await browser.newContext();
  expect((await script.request.get("/api/leads", { headers })).status()).toBe(200);
  await page.getByTestId("token-row").getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId("token-row")).toHaveCount(0);
  expect((await script.request.get("/api/leads", { headers })).status()).toBe(401);

  // An agency owner makes a company for another client, and the switcher offers both.
  await page.goto("/team");
  await page.getByLabel("Company name").fill(`${owner.companyName} client two`);
  await page.getByRole("button", { name: "Create and switch" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByLabel("Company").locator("option:checked")).toHaveText(`${owner.companyName} client two`);
  await expect(page.getByTestId("role")).toHaveText("Owner");
  await expect(page.getByRole("heading", { name: "No leads yet" })).toBeVisible();
  await page.getByLabel("Company").selectOption({ label: owner.companyName });
  await expect(page.getByTestId("role")).toHaveText("Owner");

  // On a phone, the team page still reads.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/team");
  await screenshot(page, "phone-team");
  for (const context of [colleagueContext, viewerContext, script]) await context.close();
});

test("a member removed by the owner is signed out of that company at once", async ({ browser, page, consoleErrors }) => {
  consoleErrors.allow(/status of 40[134]/);
  page.on("dialog", (dialog) => void dialog.accept());
  const owner = await signUp(page, newAccount("Removal"));
  const created = await page.request.post("/api/invitations", { data: { email: newAccount("member").email, role: "member" } });
  const { invitation } = await created.json();
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await member.goto(invitation.url.replace(/^https?:\/\/[^/]+/, ""));
  await member.getByLabel("Your name").fill("Mo Member");
  await member.getByLabel("Password").fill(PASSWORD);
  await member.getByRole("button", { name: `Join ${owner.companyName}` }).click();
  await expect(member).toHaveURL(/\/dashboard$/);
  const { token } = await (await member.request.post("/api/tokens", { data: { name: "member script" } })).json();

  await page.goto("/team");
  await page.getByTestId("member-row").filter({ hasText: "Mo Member" }).getByRole("button", { name: "Remove" }).click();
  await expect(page.getByTestId("member-row")).toHaveCount(1);
  expect((await member.request.get("/api/leads")).status()).toBe(401);
  expect((await member.request.get("/api/leads", { headers: { Authorization: `Bearer ${token.secret}` } })).status()).toBe(401);
  await member.goto("/dashboard");
  await expect(member).toHaveURL(/\/sign-in/);
  await memberContext.close();
});

test("someone with an account who is signed out signs in from the invitation and comes back to join", async ({ browser, page }) => {
  const owner = await signUp(page, newAccount("Agency client"));
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  const account = await signUp(other, newAccount("Agency"));
  await other.request.post("/api/auth/signout", { form: { csrfToken: (await (await other.request.get("/api/auth/csrf")).json()).csrfToken } });
  const { invitation } = await (await page.request.post("/api/invitations", { data: { email: account.email, role: "member" } })).json();

  await other.goto(invitation.url.replace(/^https?:\/\/[^/]+/, ""));
  await other.getByRole("link", { name: "Sign in to join" }).click();
  await expect(other).toHaveURL(/\/sign-in\?callbackUrl=%2Finvite%2F/);
  await signIn(other, account);
  await expect(other.getByRole("button", { name: `Join ${owner.companyName}` })).toBeVisible();
  await other.getByRole("button", { name: `Join ${owner.companyName}` }).click();
  await expect(other).toHaveURL(/\/dashboard$/);
  await expect(other.getByLabel("Company").locator("option:checked")).toHaveText(owner.companyName);
  await expect(other.getByTestId("role")).toHaveText("Member");
  await otherContext.close();
});

test("forgot password answers the same for any email, and the link is in the server log without SMTP", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await page.getByLabel("Email").fill("nobody-at-all@example.com");
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByText("If an account uses that email, a link to choose a new password is on its way.")).toBeVisible();
  await screenshot(page, "desktop-forgot-password");
});
