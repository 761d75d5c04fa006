import { NextResponse } from "next/server";
import { withTenant } from "@/lib/http";
import { previewFile } from "@/lib/imports/preview-file";
import { receiveUpload } from "@/lib/imports/receive-upload";

/**
 * What LeadRank reads in a file, without importing or keeping it: a CSV's format, header and
 * first rows, or a workbook's sheets with leads (each with its header and first rows). The
 * import page uses it for workbooks, to offer the sheets and map their columns.
 */
export const POST = withTenant(async ({ request }) => {
  const preview = await receiveUpload(request, (file) => previewFile(file.stream));
  return NextResponse.json({ preview });
}, { permission: "imports:write" });
