import fs from "node:fs";
import { getDMMF } from "@prisma/get-dmmf";
import { describe, expect, inject, it } from "vitest";
import { query } from "./test-helpers";

/**
 * The migrations are hand-written SQL, so this test is what keeps them and
 * prisma/schema.prisma in step: it compares the migrated database with the schema.
 */

type Field = {
  name: string;
  dbName?: string | null;
  kind: string;
  type: string;
  isRequired: boolean;
  hasDefaultValue: boolean;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
};
type Model = { name: string; dbName: string | null; fields: Field[] };
type Index = { model: string; type: "id" | "unique" | "normal"; algorithm?: string; fields: { name: string; sortOrder?: string }[] };

const dmmf = getDMMF({ datamodel: fs.readFileSync("prisma/schema.prisma", "utf8") });
if ("reason" in dmmf) throw new Error(`schema.prisma does not parse: ${dmmf.reason}`);
const models = dmmf.datamodel.models as unknown as Model[];
const indexes = dmmf.datamodel.indexes as unknown as Index[];

const tableOf = (model: string) => {
  const found = models.find((m) => m.name === model)!;
  return found.dbName ?? found.name;
};
const columnOf = (model: string, field: string) => {
  const found = models.find((m) => m.name === model)!.fields.find((f) => f.name === field)!;
  return found.dbName ?? found.name;
};

const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Decimal: "numeric",
  Boolean: "boolean",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Bytes: "bytea",
};

function expectedType(field: Field): string {
  const [native, args = []] = field.nativeType ?? [];
  switch (native) {
    case undefined:
      return SCALAR_TYPES[field.type];
    case "Uuid":
      return "uuid";
    case "Timestamptz":
      return `timestamp(${args[0] ?? 6}) with time zone`;
    case "Timestamp":
      return `timestamp(${args[0] ?? 6}) without time zone`;
    case "Date":
      return "date";
    case "Char":
      return `character(${args[0] ?? 1})`;
    case "VarChar":
      return args[0] ? `character varying(${args[0]})` : "character varying";
    default:
      throw new Error(`Add native type ${native} to the schema drift test.`);
  }
}

const ON_DELETE: Record<string, string> = { a: "NoAction", r: "Restrict", c: "Cascade", n: "SetNull", d: "SetDefault" };

describe("the migrated database matches prisma/schema.prisma", () => {
  const url = inject("databaseUrl");

  it("has the same tables", async () => {
    const rows = await query<{ table_name: string }>(
      url,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    expect(rows.map((r) => r.table_name).sort()).toEqual(models.map((m) => m.dbName ?? m.name).sort());
  });

  it("has the same columns, types, nullability and defaults", async () => {
    const rows = await query<{ table_name: string; column_name: string; type: string; not_null: boolean; has_default: boolean }>(
      url,
      `SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type,
              a.attnotnull AS not_null, a.atthasdef AS has_default
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
         AND c.relname <> '_prisma_migrations'`,
    );
    const actual = rows.map((r) => `${r.table_name}.${r.column_name}: ${r.type}${r.not_null ? " not null" : ""}${r.has_default ? " default" : ""}`);
    const expected = models.flatMap((model) =>
      model.fields
        .filter((field) => field.kind === "scalar" || field.kind === "enum")
        .map(
          (field) =>
            `${model.dbName ?? model.name}.${field.dbName ?? field.name}: ${expectedType(field)}${field.isRequired ? " not null" : ""}${
              field.hasDefaultValue ? " default" : ""
            }`,
        ),
    );
    expect(actual.sort()).toEqual(expected.sort());
  });

  it("has the same primary keys, unique constraints and indexes", async () => {
    const rows = await query<{ table_name: string; kind: string; method: string; columns: string[] }>(
      url,
      `SELECT t.relname AS table_name,
              CASE WHEN ix.indisprimary THEN 'id' WHEN ix.indisunique THEN 'unique' ELSE 'normal' END AS kind,
              am.amname AS method,
              array_agg(a.attname || CASE WHEN ix.indoption[k.ord - 1] & 1 = 1 THEN ' desc' ELSE '' END ORDER BY k.ord) AS columns
       FROM pg_index ix
       JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_am am ON am.oid = i.relam
       JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
       CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'
       GROUP BY t.relname, i.relname, ix.indisprimary, ix.indisunique, am.amname`,
    );
    const actual = rows.map((r) => `${r.table_name} ${r.kind} ${r.method} (${r.columns.join(", ")})`);
    const expected = indexes.map(
      (index) =>
        `${tableOf(index.model)} ${index.type} ${(index.algorithm ?? "btree").toLowerCase()} (${index.fields
          .map((f) => columnOf(index.model, f.name) + (f.sortOrder === "desc" ? " desc" : ""))
          .join(", ")})`,
    );
    expect(actual.sort()).toEqual(expected.sort());
  });

  it("has the same foreign keys and delete rules", async () => {
    const rows = await query<{ table_name: string; columns: string[]; ref_table: string; ref_columns: string[]; on_delete: string }>(
      url,
      `SELECT t.relname AS table_name, r.relname AS ref_table, c.confdeltype AS on_delete,
              (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns,
              (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) AS ref_columns
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE c.contype = 'f' AND n.nspname = 'public'`,
    );
    const actual = rows.map(
      (r) => `${r.table_name}(${r.columns.join(", ")}) -> ${r.ref_table}(${r.ref_columns.join(", ")}) on delete ${ON_DELETE[r.on_delete]}`,
    );
    const expected = models.flatMap((model) =>
      model.fields
        .filter((field) => field.relationFromFields?.length)
        .map((field) => {
          const required = field.relationFromFields!.every((name) => model.fields.find((f) => f.name === name)!.isRequired);
          const onDelete = field.relationOnDelete ?? (required ? "Restrict" : "SetNull");
          return `${model.dbName ?? model.name}(${field.relationFromFields!.map((f) => columnOf(model.name, f)).join(", ")}) -> ${tableOf(
            field.type,
          )}(${field.relationToFields!.map((f) => columnOf(field.type, f)).join(", ")}) on delete ${onDelete}`;
        }),
    );
    expect(actual.sort()).toEqual(expected.sort());
  });
});
