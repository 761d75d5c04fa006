import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * Undoes a finished import: deletes the leads it created and puts the leads it updated
 * back as they were. Refused when a later import has changed some of the same leads.
 */
export async function undoImport(companyId: string, importId: string): Promise<void> {
  await prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT 1 FROM "Company" WHERE "id" = ${companyId}::uuid FOR UPDATE`;
      const target = await tx.import.findFirst({ where: { id: importId, companyId }, select: { status: true } });
      if (!target) throw new AppError("not_found", "This import was not found.", 404);
      if (target.status === "undone") throw new AppError("already_undone", "This import has already been undone.", 409);
      if (target.status !== "succeeded") throw new AppError("not_finished", "Only a finished import can be undone.", 409);

      const later = await tx.$queryRaw<{ fileName: string; createdAt: Date }[]>`
        SELECT i."fileName", i."createdAt" FROM "ImportChange" c JOIN "Import" i ON i."id" = c."importId"
        WHERE c."previousImportId" = ${importId}::uuid AND i."status" = 'succeeded' AND i."companyId" = ${companyId}::uuid
        LIMIT 1`;
      if (later.length > 0) {
        throw new AppError(
          "undo_blocked",
          `This import cannot be undone: a later import ("${later[0].fileName}") changed some of the same leads. Undo that import first.`,
          409,
        );
      }
      // Every lead this import wrote goes; those it had updated come back as they were.
      // (Deleted and re-inserted rather than updated: only imports change a lead's import.)
      await tx.$executeRaw`DELETE FROM "Lead" WHERE "companyId" = ${companyId}::uuid AND "importId" = ${importId}::uuid`;
      await tx.$executeRaw`
        INSERT INTO "Lead" SELECT r.* FROM "ImportChange" c CROSS JOIN LATERAL jsonb_populate_record(NULL::"Lead", c."previous") r
        WHERE c."importId" = ${importId}::uuid AND r."companyId" = ${companyId}::uuid`;
      await tx.importChange.deleteMany({ where: { importId } });
      await tx.import.update({ where: { id: importId }, data: { status: "undone" } });
    },
    { timeout: 15 * 60 * 1000, maxWait: 60 * 1000 },
  );
}
