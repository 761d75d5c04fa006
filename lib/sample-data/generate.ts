import { PassThrough, type Writable } from "node:stream";

/**
 * Deterministic sample leads shaped like the Python prototype's seed data (same titles,
 * industries and size distribution), plus names, a country, the life-science fields and
 * a Created Date spread over the 120 days before `endDate`.
 */

export type SamplePreset = "b2b" | "lifescience";

export type SampleOptions = {
  rows: number;
  seed: number;
  preset?: SamplePreset;
  /** The newest possible Created Date; the same seed and end date give the same file. */
  endDate?: Date;
};

export const SAMPLE_COLUMNS = [
  "Lead ID",
  "First Name",
  "Last Name",
  "Job Title",
  "Company Name",
  "Industry",
  "Company Size",
  "Email",
  "Location",
  "Company HQ",
  "Country",
  "Funding Stage",
  "Uses In-Vitro Models",
  "Open To NAMs",
  "In Biotech Hub",
  "Published DILI Paper (last 2y)",
  "Created Date",
  "Lifecycle Stage",
] as const;

/**
 * Whether a sample lead would buy: a hidden propensity that is not the B2B template's rules
 * (fintech and AI companies, directors and VPs, funded start-ups and mid-size companies buy;
 * the very large and the unfunded rarely do), so that the insights and the suggested model
 * of the demo have something true to find. Log-odds.
 */
function propensity(title: string, industry: string, size: number, funding: string): number {
  let z = -1.1;
  if (industry === "Fintech" || industry === "AI") z += 1.6;
  if (industry === "Retail" || industry === "Hospitality" || industry === "Construction") z -= 0.8;
  if (/Director|VP|Head|Manager/.test(title)) z += 1.0;
  if (/QA|Support|IT Specialist|Scrum/.test(title)) z -= 0.6;
  if (funding === "Series A" || funding === "Series B") z += 0.9;
  if (funding === "Bootstrapped" || funding === "") z -= 0.7;
  if (size >= 5000) z -= 0.9;
  else if (size >= 100 && size < 500) z += 0.3;
  return z;
}

const OPEN_STAGES = ["lead", "subscriber", "marketingqualifiedlead", "salesqualifiedlead", "opportunity"];

/** sfc32: small, fast, and good enough for sample data; seeded so runs repeat exactly. */
function random(seed: number): () => number {
  let a = 0x9e3779b9,
    b = 0x243f6a88,
    c = 0xb7e15162,
    d = seed >>> 0;
  const next = () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

type Weighted<T> = readonly (readonly [T, number])[];

function picker<T>(rand: () => number, items: Weighted<T>): () => T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let running = 0;
  const cumulative = items.map(([, weight]) => (running += weight) / total);
  return () => {
    const r = rand();
    const index = cumulative.findIndex((edge) => r < edge);
    return items[index === -1 ? items.length - 1 : index][0];
  };
}

// Titles and their frequencies in the prototype's seed-leads.csv.
const B2B_TITLES: Weighted<string> = [
  ["QA Tester", 1235],
  ["Data Analyst", 1212],
  ["Developer", 1210],
  ["Scrum Master", 1165],
  ["Support Engineer", 1158],
  ["IT Specialist", 1150],
  ["Software Engineer", 1147],
  ["Director of Engineering", 306],
  ["Product Owner", 293],
  ["Tech Lead", 288],
  ["VP of Engineering", 283],
  ["Product Manager", 275],
  ["Engineering Manager", 270],
  ["CEO", 6],
  ["Founder", 2],
];
const B2B_INDUSTRIES = [
  "DevTools", "Healthcare", "Cybersecurity", "AI", "Healthtech", "Analytics Platform", "Education", "Hospitality",
  "SaaS", "Fintech", "Cloud Services", "Transportation", "Retail", "Manufacturing", "Construction",
];
const LIFESCIENCE_TITLES: Weighted<string> = [
  ["Research Scientist", 20],
  ["Senior Scientist, Investigative Toxicology", 10],
  ["Director of Toxicology", 6],
  ["Head of Preclinical Safety", 4],
  ["Principal Scientist, 3D Cell Culture", 5],
  ["Associate Director, Hepatic Safety", 4],
  ["Senior Toxicologist", 8],
  ["Lab Manager", 10],
  ["Junior Scientist, In Vivo Pharmacology", 12],
  ["VP Preclinical Development", 3],
  ["Research Scientist, Liver Toxicity", 8],
  ["Procurement Specialist", 10],
];
const LIFESCIENCE_INDUSTRIES = ["Biotech", "Pharmaceuticals", "CRO", "Medical Devices", "Diagnostics"];
const FUNDING: Weighted<string> = [
  ["Bootstrapped", 8], ["Pre-seed", 10], ["Seed", 20], ["Series A", 18], ["Series B", 14], ["Series C", 9], ["Series D", 4], ["Public", 7], ["", 10],
];

// City, country, and whether it is a biotech hub.
const TOP_CITIES: readonly (readonly [string, string])[] = [
  ["San Francisco", "United States"], ["New York", "United States"], ["Seattle", "United States"], ["Austin", "United States"],
  ["Boston", "United States"], ["Berlin", "Germany"], ["London", "United Kingdom"], ["Toronto", "Canada"],
  ["Amsterdam", "Netherlands"], ["Tel Aviv", "Israel"], ["Lisbon", "Portugal"], ["Chicago", "United States"],
  ["Paris", "France"], ["Los Angeles", "United States"],
];
const SECOND_CITIES: readonly (readonly [string, string])[] = [
  ["Miami", "United States"], ["Dallas", "United States"], ["Vancouver", "Canada"], ["Madrid", "Spain"], ["Munich", "Germany"],
];
const HUBS: readonly (readonly [string, string])[] = [
  ["Cambridge, MA", "United States"], ["South San Francisco, CA", "United States"], ["San Diego, CA", "United States"],
  ["Basel", "Switzerland"], ["Oxford", "United Kingdom"], ["Boston, MA", "United States"],
];
const HUB_WORDS = /Boston|Cambridge|San Francisco|Bay Area|San Diego|Basel|Oxford|London|Golden Triangle/;

const FIRST_NAMES = [
  "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William", "Barbara",
  "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Carlos", "Karen", "Daniel", "Lisa", "Matthew", "Nancy",
  "Anthony", "Sandra", "Mark", "Ashley", "Ana", "Emily", "Wei", "Priya", "Ahmed", "Fatima", "Lukas", "Sofia", "Hiroshi",
  "Chloé", "José", "Zoë", "Erin", "Kyle", "Angela", "Tracey", "Megan", "Erik", "Jodi", "Gary", "Christine", "Jason",
];
const LAST_NAMES = [
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez",
  "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson",
  "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
  "Scott", "Torres", "Nguyen", "Hill", "Flores", "Müller", "Schmidt", "Dubois", "Rossi", "Kowalski", "O'Brien", "Patel",
  "Kim", "Chen", "Edwards", "Krause", "Pham", "Gross", "Villarreal", "Cardenas", "Morse", "Durham", "Huffman", "Medina",
];
const COMPANY_SUFFIXES = ["Inc", "Ltd", "PLC", "Group", "LLC", "and Sons"];
const TOWN_PREFIXES = ["North", "South", "East", "West", "New", "Lake", "Port"];
const TOWN_SUFFIXES = ["ton", "ville", "berg", "bury", "view", "port", "mouth", "haven", "side", "fort", "land", "chester"];

const DAY_MS = 24 * 60 * 60 * 1000;

/** "Chloé" → "chloe", "O'Brien" → "obrien": names as they appear in email addresses. */
const slug = (name: string) => name.normalize("NFD").toLowerCase().replace(/[^a-z0-9]/g, "");
const SLUGS = new Map([...FIRST_NAMES, ...LAST_NAMES].map((name) => [name, slug(name)]));

/** The rows of a sample file, one array of cells per lead, without the header. */
export function* generateLeadRows({ rows, seed, preset = "b2b", endDate = new Date() }: SampleOptions): Generator<string[]> {
  const rand = random(seed);
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const one = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)];
  const title = picker(rand, preset === "b2b" ? B2B_TITLES : LIFESCIENCE_TITLES);
  const industries = preset === "b2b" ? B2B_INDUSTRIES : LIFESCIENCE_INDUSTRIES;
  const funding = picker(rand, FUNDING);
  const towns = Array.from({ length: 100 }, () =>
    rand() < 0.5 ? `${one(TOWN_PREFIXES)} ${one(FIRST_NAMES)}` : `${one(LAST_NAMES).replace(/\W/g, "")}${one(TOWN_SUFFIXES)}`,
  );
  const yesNo = (p: number) => (rand() < p ? "yes" : "no");
  const recentEmails: string[] = [];
  const end = endDate.getTime();
  // Outcomes draw from their own generator, so every other column is as without them.
  const chance = random(seed ^ 0x5eed);

  const place = (): readonly [string, string] => {
    const r = rand();
    if (r < 0.09) return one(TOP_CITIES);
    if (r < 0.1) return one(SECOND_CITIES);
    if (preset === "lifescience" && r < 0.3) return one(HUBS);
    return [one(towns), "United States"];
  };

  for (let id = 1; id <= rows; id++) {
    const first = one(FIRST_NAMES);
    const last = one(LAST_NAMES);
    const sizeBand = rand();
    const size = sizeBand < 0.176 ? int(10, 99) : sizeBand < 0.986 ? int(100, 499) : Math.round(500 * Math.pow(40, rand()));
    const companyStyle = rand();
    const company =
      companyStyle < 0.34
        ? `${one(LAST_NAMES)}, ${one(LAST_NAMES)} and ${one(LAST_NAMES)}`
        : companyStyle < 0.67
          ? `${one(LAST_NAMES)}-${one(LAST_NAMES)}`
          : `${one(LAST_NAMES)} ${one(COMPANY_SUFFIXES)}`;
    // About 1 lead in 100 repeats an earlier email, as real exports do.
    const email =
      recentEmails.length > 0 && rand() < 0.01
        ? one(recentEmails)
        : `${SLUGS.get(first)}.${SLUGS.get(last)}.${id.toString(36)}@example.${one(["com", "net", "org"])}`;
    if (recentEmails.length < 1000) recentEmails.push(email);
    else recentEmails[id % 1000] = email;
    const [location, country] = place();
    const [hq] = rand() < 0.6 ? [location] : place();
    const hub = HUB_WORDS.test(location) || HUB_WORDS.test(hq) || rand() < 0.03;
    const created = new Date(end - Math.floor(rand() * 120 * DAY_MS));
    const row = [
      String(id),
      first,
      last,
      title(),
      company,
      one(industries),
      String(size),
      email,
      location,
      hq,
      country,
      funding(),
      yesNo(0.35),
      yesNo(0.4),
      hub ? "yes" : "no",
      yesNo(0.1),
      created.toISOString().slice(0, 19) + "Z",
    ];
    // Leads older than 30 days have mostly been worked: 80% of them are won or lost.
    const [roll, stage] = [chance(), chance()];
    const worked = end - created.getTime() > 30 * DAY_MS && roll < 0.8;
    const won = chance() < 1 / (1 + Math.exp(-propensity(row[3], row[5], size, row[11])));
    yield [...row, worked ? (won ? "customer" : "closed lost") : OPEN_STAGES[Math.floor(stage * OPEN_STAGES.length)]];
  }
}

export const SAMPLE_ACTIVITY_COLUMNS = ["Email", "Activity", "Occurred At", "Detail", "Source"] as const;

const PAGES = ["/pricing", "/docs/getting-started", "/blog/lead-scoring-without-a-crm", "/case-studies", "/integrations", "/security", "/blog/what-is-a-good-lead"];
const EMAILS = ["Newsletter: November", "Newsletter: October", "Webinar invitation", "Product update 4.2", "Case study: Fintech"];

/**
 * The activities of the same sample leads (same options): what each lead did over the 120 days
 * before `endDate`, drawn from the same hidden propensity that decides the outcomes. Leads that
 * were won clicked more, visited the pricing page, asked for demos and booked meetings in the
 * weeks after they arrived; lost leads did less and a few unsubscribed; open leads as their
 * propensity says. Newsletters are opened at any time.
 * About 1 activity in 20 is of an email that is not among the leads (someone who never filled a
 * form). Rows: email, activity type, occurredAt (ISO), detail, source.
 */
export function* generateActivityRows(options: SampleOptions): Generator<string[]> {
  const end = (options.endDate ?? new Date()).getTime();
  const rand = random(options.seed ^ 0xac71);
  const one = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)];
  const poisson = (mean: number) => {
    // Knuth's method: small means only.
    let k = 0;
    for (let p = rand(), limit = Math.exp(-mean); p > limit; p *= rand()) k++;
    return k;
  };
  /** A moment within the last `days` days. */
  const within = (days: number) => iso(end - rand() * days * DAY_MS);
  const iso = (time: number) => new Date(Math.floor(time)).toISOString().slice(0, 19) + "Z";
  let strangers = 0;
  for (const lead of generateLeadRows(options)) {
    const email = lead[7];
    const outcome = lead[17];
    const likely = 1 / (1 + Math.exp(-propensity(lead[3], lead[5], Number(lead[6]), lead[11])));
    const won = outcome === "customer";
    const lost = outcome === "closed lost";
    const warmth = won ? 1.6 : lost ? 0.5 : 0.4 + likely;
    // Newsletters reach everyone at any time; the rest follows the lead's arrival: a won lead engaged in its first weeks.
    const created = Date.parse(lead[16]);
    const engaged = (days: number) => iso(created + rand() * Math.min(days * DAY_MS, end - created));
    const span = won ? 40 : 120;
    for (let n = poisson(2.5 * warmth); n > 0; n--) yield [email, "Email opened", within(120), one(EMAILS), "Mailchimp"];
    for (let n = poisson(1.2 * warmth); n > 0; n--) yield [email, "Email clicked", engaged(span), one(EMAILS), "Mailchimp"];
    for (let n = poisson(1.5 * warmth); n > 0; n--) {
      const page = won && rand() < 0.5 ? "/pricing" : one(PAGES);
      yield [email, "Page view", engaged(span), `https://leadrank.example${page}`, "website"];
    }
    if (rand() < 0.15 * warmth) yield [email, "Form submitted", engaged(span), one(["Contact us", "Whitepaper: Scoring 101"]), "website"];
    if (rand() < 0.12 * warmth) yield [email, "Webinar attended", within(90), "Scoring without a CRM", "Zoom"];
    if (rand() < (won ? 0.7 : lost ? 0.12 : 0.1 * likely)) yield [email, "Demo requested", engaged(won ? 30 : 90), "", "website"];
    if (won && rand() < 0.5) yield [email, "Meeting booked", engaged(45), "Intro call", "Calendly"];
    if (rand() < (lost ? 0.08 : 0.015)) yield [email, "Unsubscribed", engaged(120), "", "Mailchimp"];
    // Someone LeadRank does not know: read a newsletter, looked at a page.
    if (rand() < 0.15) {
      strangers++;
      const stranger = `reader.${strangers.toString(36)}@example.${one(["com", "net", "org"])}`;
      yield [stranger, "Email opened", within(120), one(EMAILS), "Mailchimp"];
      if (rand() < 0.4) yield [stranger, "Page view", within(120), `https://leadrank.example${one(PAGES)}`, "website"];
    }
  }
}

/** RFC 4180: a cell with a comma, quote or line break is quoted, its quotes doubled. */
const cell = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** Writes a sample CSV (header first, CRLF line ends, quoted where needed) in constant memory: the leads, or their activities. */
export async function writeSampleCsv(out: Writable, options: SampleOptions & { activities?: boolean }): Promise<void> {
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once("drain", () => resolve()));
  let chunk = (options.activities ? SAMPLE_ACTIVITY_COLUMNS : SAMPLE_COLUMNS).map(cell).join(",") + "\r\n";
  for (const row of options.activities ? generateActivityRows(options) : generateLeadRows(options)) {
    chunk += row.map(cell).join(",") + "\r\n";
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = "";
    }
  }
  await write(chunk);
}

/** A sample CSV in memory, for tests and small uploads. */
export async function sampleCsvBytes(options: SampleOptions & { activities?: boolean }): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (chunk: Buffer) => chunks.push(chunk));
  await writeSampleCsv(out, options);
  out.end();
  return Buffer.concat(chunks);
}
