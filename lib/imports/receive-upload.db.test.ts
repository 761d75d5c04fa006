import { describe, expect, it } from "vitest";
import { receiveUpload } from "./receive-upload";

/** A multipart/form-data request with these raw parts. */
function multipart(parts: string[]): Request {
  const boundary = "----leadrank-test";
  const body = parts.map((part) => `--${boundary}\r\n${part}\r\n`).join("") + `--${boundary}--\r\n`;
  return new Request("http://localhost/api/imports", { method: "POST", headers: { "content-type": `multipart/form-data; boundary=${boundary}` }, body });
}

describe("receiving an upload", () => {
  it("says what is wrong with a file part that has no filename", async () => {
    const request = multipart([`Content-Disposition: form-data; name="file"\r\nContent-Type: text/csv\r\n\r\nEmail\r\na@b.example`]);
    await expect(receiveUpload(request, async () => "read")).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/^The part named file has no filename: send it as a file part/),
    });
  });

  it("says no file was sent when there is no part named file, and hands over the fields before the file", async () => {
    await expect(receiveUpload(multipart([`Content-Disposition: form-data; name="other"\r\n\r\nx`]), async () => "read")).rejects.toMatchObject({
      message: "No file was sent: use a multipart field named file.",
    });
    const fields = await receiveUpload(
      multipart([`Content-Disposition: form-data; name="__proto__"\r\n\r\nx`, `Content-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nEmail`]),
      async (file, received) => {
        file.stream.resume();
        return received;
      },
    );
    expect(Object.hasOwn(fields, "__proto__")).toBe(true);
  });
});
