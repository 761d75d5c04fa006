import { expect, test } from "@playwright/test";
import { seedLead, signUp } from "./helpers";

test("two companies never see each other's pages or API data", async ({ browser }) => {
  const alice = await browser.newPage();
  const bob = await browser.newPage();
  const aliceAccount = await signUp(alice);
  const bobAccount = await signUp(bob);
  const leadId = await seedLead(aliceAccount.email, { fullName: "Grace Hopper", score: 87 });

  await alice.goto("/leads");
  await expect(alice.getByRole("link", { name: "Grace Hopper" })).toBeVisible();
  await alice.goto(`/leads/${leadId}`);
  await expect(alice.getByTestId("lead-score")).toHaveText(/^87/);
  expect((await alice.request.get(`/api/leads/${leadId}`)).status()).toBe(200);

  await expect(bob.getByTestId("company-name")).toHaveText(bobAccount.companyName);
  await bob.goto("/leads");
  await expect(bob.getByRole("heading", { name: "No leads yet" })).toBeVisible();
  await expect(bob.getByText("Grace Hopper")).toHaveCount(0);
  const page = await bob.goto(`/leads/${leadId}`);
  expect(page?.status()).toBe(404);
  await expect(bob.getByText("Grace Hopper")).toHaveCount(0);

  const detail = await bob.request.get(`/api/leads/${leadId}`);
  expect(detail.status()).toBe(404);
  expect(await detail.text()).not.toContain("Grace");
  const list = await bob.request.get("/api/leads");
  expect(await list.json()).toMatchObject({ total: 0, leads: [] });
});
