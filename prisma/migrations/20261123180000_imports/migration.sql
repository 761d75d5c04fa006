-- AlterTable
ALTER TABLE "Import" ADD COLUMN "fileSize" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "encoding" TEXT,
ADD COLUMN "delimiter" TEXT,
ADD COLUMN "headers" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN "mapping" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN "processedBytes" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "heartbeatAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "Import_status_idx" ON "Import"("status");

-- CreateTable
CREATE TABLE "ImportFile" (
    "importId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "ImportFile_pkey" PRIMARY KEY ("importId","seq")
);

-- CreateTable
CREATE TABLE "ImportRejection" (
    "importId" UUID NOT NULL,
    "row" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "cells" JSONB NOT NULL,

    CONSTRAINT "ImportRejection_pkey" PRIMARY KEY ("importId","row")
);

-- CreateTable
CREATE TABLE "ImportChange" (
    "importId" UUID NOT NULL,
    "leadId" UUID NOT NULL,
    "previousImportId" UUID,
    "previous" JSONB NOT NULL,

    CONSTRAINT "ImportChange_pkey" PRIMARY KEY ("importId","leadId")
);

-- CreateIndex
CREATE INDEX "ImportChange_previousImportId_idx" ON "ImportChange"("previousImportId");

-- CreateTable
CREATE TABLE "SavedMapping" (
    "companyId" UUID NOT NULL,
    "headersKey" TEXT NOT NULL,
    "mapping" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SavedMapping_pkey" PRIMARY KEY ("companyId","headersKey")
);

-- AddForeignKey
ALTER TABLE "ImportFile" ADD CONSTRAINT "ImportFile_importId_fkey" FOREIGN KEY ("importId") REFERENCES "Import"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportRejection" ADD CONSTRAINT "ImportRejection_importId_fkey" FOREIGN KEY ("importId") REFERENCES "Import"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportChange" ADD CONSTRAINT "ImportChange_importId_fkey" FOREIGN KEY ("importId") REFERENCES "Import"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedMapping" ADD CONSTRAINT "SavedMapping_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;
