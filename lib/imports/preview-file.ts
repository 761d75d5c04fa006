import { analyseSample, fileKind, SAMPLE_BYTES } from "@/lib/csv/detect";
import { previewWorkbook } from "@/lib/xlsx/workbook";
import { workbookSample, type FileSample } from "./file-sample";
import { invalidFile, maxUploadBytes, UploadTooLargeError } from "./store-upload";

/**
 * What an upload holds, read without keeping it: a CSV from its first 64 KB (as the import page
 * reads it in the browser), a workbook whole (its sheets are found at its end). Refuses a file
 * larger than the upload limit, or one LeadRank cannot read, with a 413 or 422.
 */
export async function previewFile(source: AsyncIterable<Uint8Array>, limit = maxUploadBytes()): Promise<FileSample> {
  let size = 0;
  const chunks = source[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  let done = false;
  const next = async () => {
    const chunk = await chunks.next();
    if (chunk.done) return (done = true), undefined;
    size += chunk.value.length;
    if (size > limit) throw new UploadTooLargeError(limit);
    return chunk.value;
  };
  try {
    while (!done && head.length < SAMPLE_BYTES) {
      const chunk = await next();
      if (chunk) head = Buffer.concat([head, chunk]);
    }
    if (fileKind(head) === "xlsx") {
      const rest = async function* () {
        yield head;
        for (let chunk = await next(); chunk; chunk = await next()) yield chunk;
      };
      return workbookSample(await previewWorkbook(rest()));
    }
    while (!done) await next();
    return { kind: "csv", ...analyseSample(head.subarray(0, SAMPLE_BYTES), size <= SAMPLE_BYTES) };
  } catch (error) {
    throw invalidFile(error);
  }
}
