import { createCompany } from "@/lib/test-factories";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { testEmail } from "@/lib/db/test-helpers";
import { getLead } from "./get-lead";
import { COUNT_LIMIT, leadDisplayName, listLeads, listLeadsQuery, SEARCH_TEXT } from "./list-leads";

const query = (input: Record<string, unknown> = {}) => listLeadsQuery.parse(input);

async function companyWithLeads(scores: number[]) {
  const company = await createCompany({ name: "Leads Co" });
  const submittedAt = new Date("2026-11-01T00:00:00Z");
  for (const [i, score] of scores.entries()) {
    await prisma.lead.create({
      data: {
        companyId: company.id,
        email: testEmail(`lead${i}`),
        fullName: `Lead ${i}`,
        submittedAt: new Date(submittedAt.getTime() + i * 1000),
        rawPoints: score,
        score,
        grade: "D",
        breakdown: [],
      },
    });
  }
  return company.id;
}

describe("leads of a company", () => {
  it("lists only the company's own leads, best score first, newest first on ties", async () => {
    const mine = await companyWithLeads([10, 90, 50, 90]);
    await companyWithLeads([99]);
    const { total, leads } = await listLeads(mine, query({ pageSize: 10 }));
    expect(total).toBe(4);
    expect(leads.map((l) => l.fullName)).toEqual(["Lead 3", "Lead 1", "Lead 2", "Lead 0"]);
  });

  it("pages through the ranking", async () => {
    const mine = await companyWithLeads([5, 4, 3, 2, 1]);
    const second = await listLeads(mine, query({ page: 2, pageSize: 2 }));
    expect(second.total).toBe(5);
    expect(second.leads.map((l) => l.score)).toEqual([3, 2]);
  });

  it("finds a lead by id only within its own company", async () => {
    const owner = await companyWithLeads([42]);
    const other = await companyWithLeads([]);
    const [lead] = (await listLeads(owner, query({ pageSize: 1 }))).leads;
    expect((await getLead(owner, lead.id))?.score).toBe(42);
    expect(await getLead(other, lead.id)).toBeNull();
    expect(await getLead(owner, randomUUID())).toBeNull();
    expect(await getLead(owner, "not-a-uuid")).toBeNull();
  });
});

describe("names and accents", () => {
  async function named(people: { fullName?: string; firstName?: string; lastName?: string; jobTitle?: string }[]) {
    const company = await createCompany({ name: "Names Co" });
    await prisma.lead.createMany({
      data: people.map((person, i) => ({
        companyId: company.id,
        email: `p${i}@example.com`,
        ...person,
        submittedAt: new Date("2026-11-01T00:00:00Z"),
        rawPoints: 0,
        score: 0,
        grade: "D",
        breakdown: [],
      })),
    });
    return company.id;
  }

  it("sorts by the name the list shows, ignoring case and accents", async () => {
    const companyId = await named([
      { fullName: "Yara Young" },
      { fullName: "Zed Zimmer" },
      { firstName: "Zoe", lastName: "Abbott" },
      { fullName: "Aaron Zulu" },
      { fullName: "bob adams" },
      { fullName: "Émile Brun" },
      { fullName: "Élodie Arnaud" },
      {},
    ]);
    const { leads } = await listLeads(companyId, query({ sort: "name" }));
    expect(leads.map(leadDisplayName)).toEqual([
      "Aaron Zulu",
      "bob adams",
      "Élodie Arnaud",
      "Émile Brun",
      "p7@example.com", // no name: shown, and sorted, by its email
      "Yara Young",
      "Zed Zimmer",
      "Zoe Abbott",
    ]);
  });

  it("finds names with or without their accents, in any case", async () => {
    const companyId = await named([{ fullName: "José Müller" }, { fullName: "Jose Muller" }, { fullName: "JOSÉ MÜLLER" }, { fullName: "Zoë Ångström", jobTitle: "Straße-Bauer" }]);
    for (const q of ["jose", "José", "JOSE", "muller", "müller", "MÜLLER"]) {
      expect((await listLeads(companyId, query({ q }))).total, q).toBe(3);
    }
    expect((await listLeads(companyId, query({ q: "zoe angstrom" }))).total).toBe(1);
    expect((await listLeads(companyId, query({ q: "strasse" }))).total).toBe(1);
  });
});

describe("searching and filtering leads", () => {
  async function searchable() {
    const company = await createCompany({ name: "Search Co" });
    const rows = [
      { fullName: "Ada Lovelace", jobTitle: "CTO", companyName: "Analytical Engines", location: "London", industry: "SaaS", score: 90, grade: "A" },
      { fullName: "Grace Hopper", jobTitle: "VP Engineering", companyName: "Navy Labs", location: "Arlington", industry: "Defense", score: 65, grade: "B" },
      { fullName: "Alan Turing", jobTitle: "Head of Research", companyName: "Bletchley Park", location: "Manchester", industry: "AI", score: 45, grade: "C" },
      { fullName: null, jobTitle: "Engineer", companyName: "Lovelace Robotics", location: "Berlin", industry: "IoT", score: 20, grade: "D" },
    ];
    for (const [i, row] of rows.entries()) {
      await prisma.lead.create({
        data: { ...row, companyId: company.id, email: `person${i}@example.com`, submittedAt: new Date(Date.UTC(2026, 10, 1 + i)), rawPoints: row.score, breakdown: [] },
      });
    }
    return company.id;
  }

  it("finds partial words in any case across name, email, title, company, location and industry", async () => {
    const companyId = await searchable();
    const names = async (q: string) => (await listLeads(companyId, query({ q }))).leads.map((l) => l.fullName ?? l.email);
    expect(await names("lovelace")).toEqual(["Ada Lovelace", "person3@example.com"]);
    expect(await names("ENGIN")).toEqual(["Ada Lovelace", "Grace Hopper", "person3@example.com"]);
    expect(await names("manch")).toEqual(["Alan Turing"]);
    expect(await names("person1@")).toEqual(["Grace Hopper"]);
    expect(await names("defense")).toEqual(["Grace Hopper"]);
    expect(await names("nobody")).toEqual([]);
    // % and _ are letters to look for, not wildcards.
    expect(await names("%")).toEqual([]);
    expect(await names("person_@")).toEqual([]);
  });

  it("filters by minimum score and grade, and sorts by score, newest or name", async () => {
    const companyId = await searchable();
    expect((await listLeads(companyId, query({ minScore: 45 }))).total).toBe(3);
    expect(await listLeads(companyId, query({ grade: "B" }))).toMatchObject({ total: 1, totalIsExact: true });
    expect((await listLeads(companyId, query({ minScore: 45, grade: "B" }))).leads.map((l) => l.fullName)).toEqual(["Grace Hopper"]);
    expect((await listLeads(companyId, query({ sort: "newest" }))).leads.map((l) => l.score)).toEqual([20, 45, 65, 90]);
    expect((await listLeads(companyId, query({ sort: "name" }))).leads.map((l) => l.fullName)).toEqual(["Ada Lovelace", "Alan Turing", "Grace Hopper", null]);
  });

  it("refuses parameters it does not understand with a message", () => {
    expect(listLeadsQuery.safeParse({ minScore: "abc" }).error?.issues[0].message).toMatch(/minScore/);
    expect(listLeadsQuery.safeParse({ grade: "E" }).error?.issues[0].message).toBe("grade is A, B, C or D.");
    expect(listLeadsQuery.safeParse({ sort: "random" }).error?.issues[0].message).toBe("sort is score, newest or name.");
    expect(listLeadsQuery.safeParse({ pageSize: "500" }).error?.issues[0].message).toBe("pageSize is at most 200.");
  });
});

describe("the total of a long list", () => {
  it("is exact without a search, and stops at 10,000 for a broad search while the pages still fill", async () => {
    const company = await createCompany({ name: "Many Co" });
    await prisma.$executeRaw`
      INSERT INTO "Lead" ("id", "companyId", "email", "jobTitle", "submittedAt", "rawPoints", "score", "grade", "breakdown", "updatedAt")
      SELECT gen_random_uuid(), ${company.id}::uuid, 'lead' || n || '@example.com', CASE WHEN n % 2 = 0 THEN 'Engineer' ELSE 'Buyer' END,
             now(), n % 100, n % 100, 'D', '[]', now()
      FROM generate_series(1, ${2 * COUNT_LIMIT + 2}) AS n`;
    expect(await listLeads(company.id, query())).toMatchObject({ total: 2 * COUNT_LIMIT + 2, totalIsExact: true });
    const broad = await listLeads(company.id, query({ q: "engineer", page: 250, pageSize: 40 }));
    expect(broad).toMatchObject({ total: COUNT_LIMIT, totalIsExact: false });
    expect(broad.leads).toHaveLength(40);
    expect(await listLeads(company.id, query({ q: "lead17@" }))).toMatchObject({ total: 1, totalIsExact: true });
  });
});

describe("the search statistics", () => {
  it("are kept on the very expression the search filters on, so the planner's estimates for it hold", async () => {
    // The migration wrote the expression out by hand; PostgreSQL stores both in one normal form.
    const expressions = (name: string) => prisma.$queryRawUnsafe<{ exprs: string[] }[]>(
      `SELECT pg_get_statisticsobjdef_expressions(oid) AS exprs FROM pg_statistic_ext WHERE stxname = $1`,
      name,
    );
    const [migrated] = await expressions("Lead_search_stats");
    expect(migrated?.exprs).toHaveLength(1);
    const [current] = await prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`CREATE STATISTICS "Lead_search_stats_check" ON ${SEARCH_TEXT} FROM "Lead"`);
      const rows = await tx.$queryRawUnsafe<{ exprs: string[] }[]>(
        `SELECT pg_get_statisticsobjdef_expressions(oid) AS exprs FROM pg_statistic_ext WHERE stxname = 'Lead_search_stats_check'`,
      );
      await tx.$executeRawUnsafe(`DROP STATISTICS "Lead_search_stats_check"`);
      return rows;
    });
    expect(current.exprs).toEqual(migrated.exprs);
  });
});
