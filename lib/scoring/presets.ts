import { parseScoringModel, type ScoringModel, type ScoringModelInput } from "./model";

const b2bSaas: ScoringModelInput & { id: string } = {
  id: "b2b-saas",
  name: "B2B SaaS",
  description:
    "For software and tech sales: rewards large companies, decision-makers, tech industries and major tech hubs.",
  pointsFor100: 20,
  criteria: [
    {
      id: "companySize",
      label: "Company size",
      tiers: [
        { points: 10, when: [{ kind: "range", field: "companySize", min: 10000 }] },
        { points: 5, when: [{ kind: "range", field: "companySize", min: 5000, max: 9999 }] },
        { points: 4, when: [{ kind: "range", field: "companySize", min: 2000, max: 4999 }] },
        { points: 3, when: [{ kind: "range", field: "companySize", min: 1000, max: 1999 }] },
        { points: 2, when: [{ kind: "range", field: "companySize", min: 500, max: 999 }] },
        { points: 1, when: [{ kind: "range", field: "companySize", min: 100, max: 499 }] },
      ],
    },
    {
      id: "jobTitle",
      label: "Job title",
      tiers: [
        { points: 6, when: [{ kind: "keywords", field: "jobTitle", keywords: ["CTO", "CEO", "Founder", "Co-founder", "Chief * Officer"] }] },
        { points: 4, when: [{ kind: "keywords", field: "jobTitle", keywords: ["VP", "Vice President", "Director", "Head"] }] },
        {
          points: 1,
          when: [
            {
              kind: "keywords",
              field: "jobTitle",
              keywords: ["Engineer", "Developer", "Scientist", "Architect", "Manager", "Owner", "Scrum Master"],
            },
          ],
        },
      ],
    },
    {
      id: "industry",
      label: "Industry",
      tiers: [
        {
          points: 2,
          when: [
            {
              kind: "values",
              field: "industry",
              values: [
                "SaaS",
                "Fintech",
                "Healthtech",
                "AI",
                "Cybersecurity",
                "Cloud Services",
                "EdTech",
                "Blockchain",
                "DevTools",
                "E-commerce Tech",
                "IoT Solutions",
                "Analytics Platform",
              ],
            },
          ],
        },
        { points: 1, when: [{ kind: "present", field: "industry" }] },
      ],
    },
    {
      id: "location",
      label: "Location",
      tiers: [
        {
          points: 2,
          when: [
            {
              kind: "keywords",
              field: "location",
              keywords: [
                "San Francisco",
                "New York",
                "Seattle",
                "Austin",
                "Boston",
                "Berlin",
                "London",
                "Toronto",
                "Amsterdam",
                "Tel Aviv",
                "Lisbon",
                "Chicago",
                "Paris",
                "Los Angeles",
              ],
            },
          ],
        },
        { points: 1, when: [{ kind: "keywords", field: "location", keywords: ["Miami", "Dallas", "Vancouver", "Madrid", "Munich"] }] },
      ],
    },
  ],
};

const BIOTECH_HUBS = [
  "Boston",
  "Cambridge",
  "South San Francisco",
  "San Francisco",
  "Bay Area",
  "San Diego",
  "Basel",
  "Oxford",
  "London",
  "Golden Triangle",
];

const lifeScience: ScoringModelInput & { id: string } = {
  id: "lifescience-3d-invitro",
  name: "Life-science 3D in-vitro",
  description:
    "For vendors of 3D in-vitro and liver-toxicity models: rewards toxicology and safety roles, seniority, funded companies, in-vitro users, biotech hubs and recent DILI publications. Capped at 100.",
  pointsFor100: 100,
  criteria: [
    {
      id: "roleRelevance",
      label: "Role relevance",
      tiers: [
        {
          points: 20,
          when: [
            {
              kind: "keywords",
              field: "jobTitle",
              keywords: ["toxicology", "toxicologist", "safety", "hepatic", "hepatology", "liver", "DILI", "3D", "in vitro", "organoid", "organoids"],
            },
          ],
        },
      ],
    },
    {
      id: "seniority",
      label: "Seniority",
      tiers: [
        {
          points: 10,
          when: [
            { kind: "keywords", field: "jobTitle", keywords: ["Director", "Head", "VP", "Vice President", "Chief", "Principal", "Senior", "Lead"] },
          ],
        },
      ],
    },
    {
      id: "companyIntent",
      label: "Company intent (funding)",
      tiers: [{ points: 20, when: [{ kind: "values", field: "fundingStage", values: ["Series A", "Series B", "Series C"] }] }],
    },
    { id: "technographic", label: "Uses in-vitro models", tiers: [{ points: 15, when: [{ kind: "yes", field: "usesInVitroModels" }] }] },
    { id: "openness", label: "Open to NAMs", tiers: [{ points: 10, when: [{ kind: "yes", field: "openToNams" }] }] },
    {
      id: "biotechHub",
      label: "Biotech hub",
      tiers: [
        {
          points: 10,
          when: [
            { kind: "yes", field: "inBiotechHub" },
            { kind: "keywords", field: "location", keywords: BIOTECH_HUBS },
            { kind: "keywords", field: "companyLocation", keywords: BIOTECH_HUBS },
          ],
        },
      ],
    },
    {
      id: "scientificIntent",
      label: "Published on DILI (last 2 years)",
      tiers: [{ points: 40, when: [{ kind: "yes", field: "publishedDiliPaper" }] }],
    },
  ],
};

/** The templates a company's model starts from, each with the id that names it in the API. */
export const PRESETS: readonly (ScoringModel & { id: string })[] = [b2bSaas, lifeScience].map(({ id, ...definition }) => ({ id, ...parseScoringModel(definition) }));

export const DEFAULT_PRESET_ID = "b2b-saas";

export function presetById(id: string): (ScoringModel & { id: string }) | undefined {
  return PRESETS.find((preset) => preset.id === id);
}

/** What a company's new model can start from, in the order the studio offers them. */
export const STARTING_POINTS = [
  ["active", "A copy of the active model"],
  ["b2b-saas", "B2B SaaS"],
  ["lifescience-3d-invitro", "Life-science 3D in-vitro"],
  ["blank", "Blank"],
] as const;

/** A starting point with one rule to change: the studio's "blank" template. */
export const BLANK_MODEL: ScoringModel = parseScoringModel({
  name: "My scoring model",
  pointsFor100: 10,
  criteria: [{ id: "jobTitle", label: "Job title", tiers: [{ points: 10, when: [{ kind: "keywords", field: "jobTitle", keywords: ["CEO", "Founder"] }] }] }],
});

/** A template's definition, as a company's model stores it (without the template's id). */
export function templateDefinition(id: string): ScoringModel | undefined {
  if (id === "blank") return BLANK_MODEL;
  const preset = presetById(id);
  return preset && parseScoringModel(Object.fromEntries(Object.entries(preset).filter(([key]) => key !== "id")));
}
