-- An import of an Excel workbook names the sheet it read.
ALTER TABLE "Import" ADD COLUMN "sheet" TEXT;
