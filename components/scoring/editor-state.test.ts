import { describe, expect, it } from "vitest";
import { templateDefinition } from "@/lib/scoring";
import { checkDraft, cleaned, editorReducer, NEW_CRITERION, type Draft } from "./editor-state";

const b2b = templateDefinition("b2b-saas")! as Draft;

describe("the rule editor's state", () => {
  it("adds, moves and removes rules without touching the others", () => {
    let draft = editorReducer(b2b, { type: "insert", path: ["criteria"], value: { ...NEW_CRITERION, label: "Student" } });
    expect(draft.criteria.map((c) => c.label)).toEqual(["Company size", "Job title", "Industry", "Location", "Student"]);
    draft = editorReducer(draft, { type: "move", path: ["criteria"], from: 4, to: 0 });
    expect(draft.criteria[0].label).toBe("Student");
    draft = editorReducer(draft, { type: "move", path: ["criteria"], from: 0, to: -1 });
    expect(draft.criteria[0].label).toBe("Student");
    draft = editorReducer(draft, { type: "remove", path: ["criteria"], index: 0 });
    expect(draft).toEqual(b2b);
    // The template itself was never changed.
    expect(templateDefinition("b2b-saas")!.criteria).toHaveLength(4);
  });

  it("shows the server's problems at the field they concern, in words", () => {
    let draft = editorReducer(b2b, { type: "set", path: ["criteria", 1, "label"], value: "" });
    draft = editorReducer(draft, { type: "set", path: ["pointsFor100"], value: Number.NaN });
    draft = editorReducer(draft, { type: "set", path: ["grades"], value: { A: 50, B: 60, C: 40 } });
    const { model, issues } = checkDraft(draft);
    expect(model).toBeNull();
    expect(issues.get("criteria.1.label")).toBe("A criterion needs a label.");
    expect(issues.get("pointsFor100")).toBe("Enter a number.");
    expect(issues.get("grades")).toBe("Grade thresholds must fall from A to B to C.");
  });

  it("drops blank entries of a keyword list being typed, and keeps the rest", () => {
    const typed = editorReducer(b2b, { type: "set", path: ["criteria", 1, "tiers", 0, "when", 0, "keywords"], value: ["CEO", " Founder", ""] });
    expect(cleaned(typed).criteria[1].tiers[0].when[0]).toMatchObject({ keywords: ["CEO", "Founder"] });
    expect(checkDraft(typed).model).not.toBeNull();
  });
});
