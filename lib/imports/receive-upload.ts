import { Readable } from "node:stream";
import busboy from "busboy";
import { AppError } from "@/lib/errors";
import { maxUploadBytes, UploadTooLargeError } from "./store-upload";

/**
 * Reads a multipart/form-data upload as it arrives: the fields sent before the file, then the
 * file (field `file`) as a stream handed to `handle`. Refuses, before reading it, a request that
 * says it is larger than the upload limit or is not multipart.
 */
export async function receiveUpload<T>(
  request: Request,
  handle: (file: { name: string | undefined; stream: Readable }, fields: Record<string, string>) => Promise<T>,
): Promise<T> {
  const limit = maxUploadBytes();
  if (Number(request.headers.get("content-length") ?? 0) > limit + 1024 * 1024) throw new UploadTooLargeError(limit);
  const contentType = request.headers.get("content-type");
  if (!request.body || !contentType?.startsWith("multipart/form-data")) {
    throw new AppError("bad_request", "Send the file as multipart/form-data in a field named file.");
  }
  return new Promise<T>((resolve, reject) => {
    // Field names are the client's text: no prototype for "__proto__" to reach.
    const fields: Record<string, string> = Object.create(null);
    let started = false;
    const parser = busboy({ headers: { "content-type": contentType }, limits: { files: 1, fileSize: limit + 1 } });
    parser.on("field", (name, value) => (fields[name] = value));
    parser.on("file", (name, file, info) => {
      if (name !== "file") return file.resume();
      started = true;
      // A refusal thrown at once (a bad field) is the handler's answer, not a broken upload.
      Promise.resolve()
        .then(() => handle({ name: info.filename, stream: file }, fields))
        .then(resolve, reject)
        .finally(() => file.resume());
    });
    // A request that is not well-formed multipart (e.g. a control character in a part's header).
    parser.on("error", (error: Error) => reject(new AppError("bad_request", `The upload is not well-formed multipart/form-data: ${error.message}.`)));
    parser.on("close", () => {
      if (started) return;
      // A part named file without a filename arrives as a plain text field.
      if (Object.hasOwn(fields, "file")) {
        reject(new AppError("bad_request", 'The part named file has no filename: send it as a file part (Content-Disposition: form-data; name="file"; filename="leads.csv").'));
      } else reject(new AppError("bad_request", "No file was sent: use a multipart field named file."));
    });
    Readable.fromWeb(request.body as import("node:stream/web").ReadableStream).pipe(parser);
  });
}
