import { describe, expect, it } from "vitest";
import { compileModel, gradeFor, scoreFromPoints, scoreLead } from "./engine";
import { keywordMatcher } from "./keywords";
import type { ScorableLead } from "./lead";
import { parseScoringModel } from "./model";
import { PRESETS, presetById } from "./presets";

const b2b = presetById("b2b-saas")!;
const lifeScience = presetById("lifescience-3d-invitro")!;
const pointsOf = (lead: ScorableLead, criterion: string, model = b2b) =>
  scoreLead(lead, model).breakdown.find((entry) => entry.criterion === criterion)!.points;

describe("whole-word keyword matching", () => {
  it.each([
    ["Director of Engineering", 4, "Director is not CTO"],
    ["Headhunter", 0, "Headhunter is not Head"],
    ["Head of Growth", 4, "Head"],
    ["Co-founder & CEO", 6, "top tier wins"],
    ["Chief Revenue Officer", 6, "Chief … Officer"],
    ["Chief of Staff", 0, "Chief without Officer"],
    ["VP, Sales", 4, "VP followed by a comma"],
    ["vice   president of sales", 4, "case and spacing"],
    ["Engineering Manager", 1, "Manager (Engineering is not Engineer)"],
    ["Senior Software Engineer", 1, "Engineer"],
    ["Engineering", 0, "Engineering is not Engineer"],
    ["Scrum Master", 1, "two-word keyword"],
    ["Master of Scrum", 0, "words in the wrong order"],
    ["", 0, "empty title"],
    [null, 0, "missing title"],
  ])("%j gives %i points (%s)", (jobTitle, points, reason) => {
    expect(pointsOf({ jobTitle }, "jobTitle"), reason).toBe(points);
  });

  it("does not find AI inside Retail, but finds it as a word", () => {
    const ai = keywordMatcher(["AI"]);
    expect(ai("Retail")).toBeNull();
    expect(ai("Said")).toBeNull();
    expect(ai("AI platform")).toBe("AI");
    expect(ai("Gen-AI")).toBe("AI");
  });

  it("treats accented letters as letters, so a keyword does not match inside a word", () => {
    expect(keywordMatcher(["Lead"])("Leadé")).toBeNull();
    expect(keywordMatcher(["Müller"])("Frank Müller")).toBe("Müller");
  });

  it("lets a space in a keyword match a dash", () => {
    expect(pointsOf({ jobTitle: "Scientist, In-Vitro Pharmacology" }, "roleRelevance", lifeScience)).toBe(20);
    expect(pointsOf({ jobTitle: "Scientist, In Vivo Pharmacology" }, "roleRelevance", lifeScience)).toBe(0);
  });
});

describe("company size ranges", () => {
  it.each([
    [null, 0],
    [0, 0],
    [99, 0],
    [100, 1],
    [499, 1],
    [500, 2],
    [999, 2],
    [1000, 3],
    [1999, 3],
    [2000, 4],
    [4999, 4],
    [5000, 5],
    [9999, 5],
    [10000, 10],
    [250000, 10],
  ])("%s employees give %i points", (companySize, points) => {
    expect(pointsOf({ companySize }, "companySize")).toBe(points);
  });
});

describe("value sets", () => {
  it.each([
    ["SaaS", 2],
    ["  saas ", 2],
    ["Cloud  Services", 2],
    ["Healthcare", 1],
    ["Retail", 1],
    ["", 0],
    ["   ", 0],
    [null, 0],
  ])("industry %j gives %i points", (industry, points) => {
    expect(pointsOf({ industry }, "industry")).toBe(points);
  });

  it("matches the whole value, not a part of it", () => {
    expect(pointsOf({ fundingStage: "Series B" }, "companyIntent", lifeScience)).toBe(20);
    expect(pointsOf({ fundingStage: "Series B extension" }, "companyIntent", lifeScience)).toBe(0);
    expect(pointsOf({ fundingStage: "Series D" }, "companyIntent", lifeScience)).toBe(0);
  });
});

describe("locations", () => {
  it.each([
    ["San Francisco", 2],
    ["San Francisco, CA", 2],
    ["Berlin, Germany", 2],
    ["Munich", 1],
    ["Lake Maryton", 0],
    ["Parisville", 0],
  ])("%j gives %i points", (location, points) => {
    expect(pointsOf({ location }, "location")).toBe(points);
  });

  it("counts a biotech hub from the flag, the person's location or the HQ", () => {
    expect(pointsOf({ inBiotechHub: true }, "biotechHub", lifeScience)).toBe(10);
    expect(pointsOf({ location: "Remote - Denver, CO", companyLocation: "Cambridge, MA" }, "biotechHub", lifeScience)).toBe(10);
    expect(pointsOf({ location: "Basel, Switzerland" }, "biotechHub", lifeScience)).toBe(10);
    expect(pointsOf({ location: "Madrid", companyLocation: "Berlin", inBiotechHub: false }, "biotechHub", lifeScience)).toBe(0);
  });
});

describe("score, cap and grade", () => {
  it.each([
    [39, "D"],
    [40, "C"],
    [59, "C"],
    [60, "B"],
    [79, "B"],
    [80, "A"],
    [100, "A"],
    [0, "D"],
  ])("score %i is grade %s", (score, grade) => {
    expect(gradeFor(score)).toBe(grade);
  });

  it("scales raw points to 0–100, rounds, and caps at 100", () => {
    expect(scoreFromPoints(13, 20)).toBe(65);
    expect(scoreFromPoints(20, 20)).toBe(100);
    expect(scoreFromPoints(22, 20)).toBe(100);
    expect(scoreFromPoints(125, 100)).toBe(100);
    expect(scoreFromPoints(1, 3)).toBe(33);
    expect(scoreFromPoints(2, 3)).toBe(67);
    expect(scoreFromPoints(0, 20)).toBe(0);
  });

  it("gives the top B2B lead all 20 raw points, a score of 100 and grade A", () => {
    const result = scoreLead({ jobTitle: "CTO", companySize: 12000, industry: "SaaS", location: "Berlin" }, b2b);
    expect(result).toMatchObject({ rawPoints: 20, score: 100, grade: "A" });
  });
});

describe("breakdown", () => {
  const leads: ScorableLead[] = [
    { jobTitle: "VP of Engineering", companySize: 1453, industry: "DevTools", location: "Amsterdam" },
    { jobTitle: "QA Tester", companySize: 12, industry: "Retail", location: "South Chad" },
    { jobTitle: "Senior Toxicologist", fundingStage: "Series C", publishedDiliPaper: true, inBiotechHub: null },
    {},
  ];

  it("lists every criterion once, in model order, and sums to the raw points", () => {
    for (const model of PRESETS) {
      for (const lead of leads) {
        const { rawPoints, breakdown } = scoreLead(lead, model);
        expect(breakdown.map((entry) => entry.criterion)).toEqual(model.criteria.map((c) => c.id));
        expect(breakdown.reduce((sum, entry) => sum + entry.points, 0)).toBe(rawPoints);
      }
    }
  });

  it("shows the value looked at and what matched", () => {
    const { breakdown } = scoreLead(leads[0], b2b);
    expect(breakdown).toEqual([
      { criterion: "companySize", label: "Company size", value: 1453, matched: "1000–1999", points: 3, tiers: [3] },
      { criterion: "jobTitle", label: "Job title", value: "VP of Engineering", matched: "VP", points: 4, tiers: [1] },
      { criterion: "industry", label: "Industry", value: "DevTools", matched: "DevTools", points: 2, tiers: [0] },
      { criterion: "location", label: "Location", value: "Amsterdam", matched: "Amsterdam", points: 2, tiers: [0] },
    ]);
  });

  it("shows a missing value as null with no match", () => {
    const { breakdown } = scoreLead({}, b2b);
    expect(breakdown.every((entry) => entry.value === null && entry.matched === null && entry.points === 0 && entry.tiers.length === 0)).toBe(true);
  });

  it("gives the same answer from its cache as on first sight", () => {
    const model = compileModel(b2b);
    const first = model.score(leads[0]);
    const again = model.score({ ...leads[0] });
    expect(again).toEqual(first);
    expect(model.score({ ...leads[0], jobTitle: "CEO" }).rawPoints).toBe(first.rawPoints + 2);
  });
});

describe("malformed values", () => {
  it("ignores values of the wrong type instead of failing", () => {
    const lead = { companySize: "1200", jobTitle: 42, location: ["Berlin"] } as unknown as ScorableLead;
    const result = scoreLead(lead, b2b);
    expect(result.rawPoints).toBe(0);
  });

  it("does not count NaN as a size", () => {
    expect(pointsOf({ companySize: Number.NaN }, "companySize")).toBe(0);
  });
});

describe("a custom model", () => {
  it("scores with its own pointsFor100 and otherwise points", () => {
    const model = parseScoringModel({
      name: "Custom",
      pointsFor100: 3,
      criteria: [
        { id: "hasEmail", label: "Has email", tiers: [{ points: 1, when: [{ kind: "present", field: "email" }] }] },
        { id: "notInVitro", label: "Not in vitro", tiers: [{ points: 0, when: [{ kind: "yes", field: "usesInVitroModels" }] }], otherwise: 1 },
      ],
    });
    expect(scoreLead({ email: "a@b.co" }, model)).toMatchObject({ rawPoints: 2, score: 67, grade: "B" });
    expect(scoreLead({ usesInVitroModels: true }, model)).toMatchObject({ rawPoints: 0, score: 0, grade: "D" });
  });
});

describe("the model format for companies' own models", () => {
  const model = (criteria: object[], extra: object = {}) => parseScoringModel({ name: "Own", pointsFor100: 10, criteria, ...extra });
  const tier = (points: number, condition: object) => ({ points, when: [condition] });

  it("takes negative points off, and never scores below 0", () => {
    const own = model([
      { id: "title", label: "Title", tiers: [tier(8, { kind: "keywords", field: "jobTitle", keywords: ["CEO"] }), tier(-20, { kind: "keywords", field: "jobTitle", keywords: ["Student"] })] },
      { id: "mail", label: "Mail", tiers: [tier(-3, { kind: "yes", field: "freeEmail" })] },
    ]);
    expect(scoreLead({ jobTitle: "CEO", email: "ceo@acme.io" }, own)).toMatchObject({ rawPoints: 8, score: 80 });
    expect(scoreLead({ jobTitle: "CEO", email: "ceo@gmail.com" }, own)).toMatchObject({ rawPoints: 5, score: 50 });
    expect(scoreLead({ jobTitle: "Student", email: "s@gmail.com" }, own)).toMatchObject({ rawPoints: -23, score: 0, grade: "D" });
  });

  it("adds every matching tier in mode sum, capped at max, and the receipt shows the parts and the cap", () => {
    const own = model([
      {
        id: "fit",
        label: "Fit",
        mode: "sum",
        max: 7,
        otherwise: -1,
        tiers: [tier(4, { kind: "keywords", field: "jobTitle", keywords: ["Founder"] }), tier(3, { kind: "keywords", field: "jobTitle", keywords: ["CEO"] }), tier(2, { kind: "values", field: "country", values: ["Portugal"] })],
      },
    ]);
    const capped = scoreLead({ jobTitle: "Founder & CEO", country: "Portugal" }, own).breakdown[0];
    expect(capped).toMatchObject({ points: 7, capped: 2, matched: "Founder, CEO, Portugal", parts: [{ matched: "Founder", points: 4 }, { matched: "CEO", points: 3 }, { matched: "Portugal", points: 2 }] });
    expect(scoreLead({ jobTitle: "CEO", country: "Portugal" }, own).breakdown[0]).toMatchObject({ points: 5, capped: 0 });
    expect(scoreLead({ jobTitle: "Intern" }, own).breakdown[0]).toMatchObject({ points: -1, matched: null });
  });

  it("matches an empty field with missing, and tells empty from 0", () => {
    const own = model([{ id: "size", label: "Size", tiers: [tier(-2, { kind: "missing", field: "companySize" }), tier(1, { kind: "range", field: "companySize", max: 10 })] }]);
    expect(scoreLead({}, own).breakdown[0]).toMatchObject({ points: -2, matched: "empty", value: null });
    expect(scoreLead({ companySize: 0 }, own).breakdown[0]).toMatchObject({ points: 1, value: 0 });
  });

  it("reads the email's domain and whether it is a public mailbox", () => {
    const own = model([
      { id: "domain", label: "Domain", tiers: [tier(5, { kind: "values", field: "emailDomain", values: ["acme.pt"] })] },
      { id: "free", label: "Free mail", tiers: [tier(1, { kind: "yes", field: "freeEmail" })] },
    ]);
    expect(scoreLead({ email: "Ana.Silva@ACME.pt" }, own).rawPoints).toBe(5);
    for (const free of ["a@gmail.com", "b@googlemail.com", "c@yahoo.com", "d@hotmail.com", "e@outlook.com", "f@live.com", "g@icloud.com", "h@aol.com", "i@gmx.de", "j@gmx.net", "k@web.de", "l@proton.me", "m@protonmail.com", "n@mail.ru", "o@yandex.ru"]) {
      expect(scoreLead({ email: free }, own).rawPoints, free).toBe(1);
    }
    expect(scoreLead({ email: "x@acme.io" }, own).rawPoints).toBe(0);
    expect(scoreLead({}, own).breakdown[1]).toMatchObject({ value: null, points: 0 });
  });

  it("reads extra columns by header in any case, as text and as numbers when the cell reads as one", () => {
    const own = model([
      { id: "source", label: "Source", tiers: [tier(3, { kind: "values", field: "extra:Lead Source", values: ["Webinar"] })] },
      { id: "revenue", label: "Revenue", tiers: [tier(4, { kind: "range", field: "extra:ARR", min: 1000 })] },
    ]);
    expect(scoreLead({ extra: { "lead source": "webinar", arr: "1,200" } }, own).rawPoints).toBe(7);
    expect(scoreLead({ extra: { "Lead Source": "Webinar", ARR: "1200.5" } }, own).rawPoints).toBe(7);
    expect(scoreLead({ extra: { ARR: "999" } }, own).rawPoints).toBe(0);
    expect(scoreLead({ extra: { ARR: "" } }, own).rawPoints).toBe(0);
    expect(scoreLead({ extra: { ARR: "n/a" } }, own).rawPoints).toBe(0);
    expect(scoreLead({ extra: null }, own).rawPoints).toBe(0);
  });

  it("grades with the model's own thresholds, at every boundary", () => {
    const own = model([{ id: "p", label: "P", tiers: [tier(1, { kind: "present", field: "email" })] }], { pointsFor100: 1, grades: { A: 90, B: 50, C: 10 } });
    const grades = { A: 90, B: 50, C: 10 };
    for (const [score, grade] of [[100, "A"], [90, "A"], [89, "B"], [50, "B"], [49, "C"], [10, "C"], [9, "D"], [0, "D"]] as const) {
      expect(gradeFor(score, grades), String(score)).toBe(grade);
    }
    expect(scoreLead({ email: "a@b.co" }, own).grade).toBe("A");
    expect(parseScoringModel({ name: "D", pointsFor100: 1, criteria: own.criteria }).grades).toEqual({ A: 80, B: 60, C: 40 });
  });
});
