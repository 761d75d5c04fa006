import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import JSZip from "jszip";

/** A workbook built with exceljs, as bytes. */
export async function workbook(build: (book: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  build(book);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/**
 * A ZIP bomb shaped as a workbook: a sheet "Leads" with `rows` leads, then `megabytes` MB of
 * blanks that pack into a few kilobytes. With `understate`, the archive declares the sheet
 * 100 bytes long (in its local header and its central directory), as a hostile file would.
 */
export async function zipBomb(megabytes: number, { rows = 1, understate = false } = {}): Promise<Uint8Array> {
  const real = await JSZip.loadAsync(
    await workbook((book) => {
      const sheet = book.addWorksheet("Leads");
      sheet.addRow(["Email"]);
      for (let i = 0; i < rows; i++) sheet.addRow([`lead${i}@bomb.example`]);
    }),
  );
  const zip = new JSZip();
  for (const [name, part] of Object.entries(real.files)) if (!part.dir) zip.file(name, await part.async("uint8array"));
  const sheet = await real.file("xl/worksheets/sheet1.xml")!.async("string");
  zip.file("xl/worksheets/sheet1.xml", sheet.replace("</sheetData>", `${" ".repeat(megabytes * 1024 * 1024)}</sheetData>`));
  const archive = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  if (understate) {
    const view = new DataView(archive.buffer, archive.byteOffset, archive.byteLength);
    const name = new TextEncoder().encode("xl/worksheets/sheet1.xml");
    for (let at = 0; at < archive.length - 4; at++) {
      const signature = view.getUint32(at, true);
      const [sizeAt, nameAt] = signature === 0x04034b50 ? [22, 30] : signature === 0x02014b50 ? [24, 46] : [-1, -1];
      if (sizeAt > 0 && name.every((byte, i) => archive[at + nameAt + i] === byte)) view.setUint32(at + sizeAt, 100, true);
    }
  }
  return archive;
}

/**
 * A workbook of about 1 MB whose table of shared strings unpacks to `megabytes` MB of short
 * strings (the costliest shape in memory), written as it is packed, never held whole.
 */
export async function sharedStringsBomb(megabytes: number): Promise<Uint8Array> {
  const real = await JSZip.loadAsync(
    await workbook((book) => {
      const sheet = book.addWorksheet("Leads");
      sheet.addRow(["Email"]);
      sheet.addRow(["lead@bomb.example"]);
    }),
  );
  const zip = new JSZip();
  for (const [name, part] of Object.entries(real.files)) if (!part.dir) zip.file(name, await part.async("uint8array"));
  function* xml() {
    yield '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
    const megabyte = "<si><t>abcdefgh</t></si>".repeat((1024 * 1024) / 24);
    for (let i = 0; i < megabytes; i++) yield megabyte;
    yield "</sst>";
  }
  zip.file("xl/sharedStrings.xml", Readable.from(xml()) as unknown as Uint8Array);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 1 } });
}
