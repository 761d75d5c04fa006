import { auditStatement, type Actor } from "@/lib/audit/audit";
import { companyTransaction, withConnection } from "@/lib/db/bulk";
import { AppError, notFound } from "@/lib/errors";
import { rescoreLeads } from "@/lib/leads/rescore";
import { activeVersion } from "@/lib/versions/active-version";

/**
 * Undoes a finished import. An activity import: deletes the activities it added. A lead import: deletes the leads it created and puts the leads it updated
 * back as they were, scored with the version active now (the company may have published
 * another since). Refused when a later import has changed some of the same leads.
 */
export async function undoImport(companyId: string, importId: string, actor?: Actor): Promise<void> {
  await withConnection((client) =>
    companyTransaction(client, companyId, async () => {
      const { rows: targets } = await client.query<{ status: string; kind: string }>(`SELECT "status", "kind" FROM "Import" WHERE "id" = $1 AND "companyId" = $2`, [
        importId,
        companyId,
      ]);
      if (targets.length === 0) throw notFound("This import");
      if (targets[0].status === "undone") throw new AppError("already_undone", "This import has already been undone.");
      if (targets[0].status !== "succeeded") throw new AppError("not_finished", "Only a finished import can be undone.");
      const finish = async () => {
        await client.query(`UPDATE "Import" SET "status" = 'undone' WHERE "id" = $1`, [importId]);
        const audit = auditStatement(companyId, actor, "import.undo", { target: importId });
        await client.query(audit.text, audit.values);
      };
      if (targets[0].kind === "activities") {
        // Exactly the activities it added: those it found already stored belong to whoever stored them first.
        await client.query(`DELETE FROM "Activity" WHERE "companyId" = $1 AND "importId" = $2`, [companyId, importId]);
        return finish();
      }

      const { rows: later } = await client.query<{ fileName: string }>(
        `SELECT i."fileName" FROM "ImportChange" c JOIN "Import" i ON i."id" = c."importId"
         WHERE c."previousImportId" = $1 AND i."status" = 'succeeded' AND i."companyId" = $2 LIMIT 1`,
        [importId, companyId],
      );
      if (later.length > 0) {
        throw new AppError(
          "undo_blocked",
          `This import cannot be undone: a later import ("${later[0].fileName}") changed some of the same leads. Undo that import first.`,
        );
      }
      // Every lead this import wrote goes; those it had updated come back as they were.
      // (Deleted and re-inserted rather than updated: only imports change a lead's import.)
      await client.query(`DELETE FROM "Lead" WHERE "companyId" = $1 AND "importId" = $2`, [companyId, importId]);
      await client.query(
        `INSERT INTO "Lead" SELECT r.* FROM "ImportChange" c CROSS JOIN LATERAL jsonb_populate_record(NULL::"Lead", c."previous") r
         WHERE c."importId" = $1 AND r."companyId" = $2`,
        [importId, companyId],
      );
      await rescoreLeads(client, companyId, (await activeVersion(companyId, client)).definition, { onlyImport: importId });
      await client.query(`DELETE FROM "ImportChange" WHERE "importId" = $1`, [importId]);
      await finish();
    }),
  );
}
