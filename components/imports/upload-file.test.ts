import { describe, expect, it } from "vitest";
import { previewAnswer, uploadAnswer } from "./upload-file";

describe("the upload's answer", () => {
  it("is the queued import on 202", () => {
    expect(uploadAnswer(202, JSON.stringify({ import: { id: "x", status: "queued" } }))).toMatchObject({ ok: true, job: { id: "x" } });
  });

  it("is LeadRank's own message on an error", () => {
    expect(uploadAnswer(422, JSON.stringify({ error: { code: "invalid_request", message: "Map a column to Email." } }))).toEqual({ ok: false, message: "Map a column to Email." });
  });

  it("is a clear message when a proxy answers with an HTML page instead of JSON", () => {
    expect(uploadAnswer(413, "<html><body><h1>413 Request Entity Too Large</h1></body></html>")).toEqual({
      ok: false,
      message: "The file is larger than the server in front of LeadRank accepts (HTTP 413). Split it into smaller files.",
    });
    expect(uploadAnswer(502, "<html>Bad gateway</html>")).toMatchObject({ ok: false, message: expect.stringContaining("HTTP 502") });
    expect(uploadAnswer(0, "")).toMatchObject({ ok: false, message: expect.stringContaining("interrupted") });
  });
});

describe("the workbook preview's answer", () => {
  it("is the file's sheets on 200, LeadRank's message on a refusal, and a clear message otherwise", () => {
    const preview = { kind: "xlsx", sheet: "Leads", sheets: [{ name: "Leads", headers: ["Email"], rows: [["a@x.example"]] }], headers: ["Email"], rows: [["a@x.example"]] };
    expect(previewAnswer(200, JSON.stringify({ preview }))).toEqual({ ok: true, preview });
    expect(previewAnswer(422, JSON.stringify({ error: { code: "invalid_request", message: "This workbook could not be read." } }))).toEqual({ ok: false, message: "This workbook could not be read." });
    expect(previewAnswer(502, "<html>Bad gateway</html>")).toMatchObject({ ok: false, message: expect.stringContaining("HTTP 502") });
  });
});
