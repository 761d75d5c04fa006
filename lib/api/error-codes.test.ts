import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import { errorCodes, OPERATIONS } from "./openapi";

/**
 * Every error code a route can answer is named in its OpenAPI entry. Read from the code, not
 * from runs: starting at each route's handler, every function it can reach (called, or passed
 * on as a value, through imports) is searched for the errors it makes (`new AppError("code")`,
 * and the classes built on AppError). Work handed to another thread is followed into that
 * thread's entry module.
 */
const ACROSS_THREADS: Record<string, string> = { importOnJobsThread: "lib/threads/jobs-thread.ts" };
/** runHeavy("preview", …) runs TASKS.preview of this module on a work thread. */
const TASKS_MODULE = "lib/threads/tasks.ts";

function program() {
  const config = ts.readConfigFile("tsconfig.json", ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, process.cwd());
  return ts.createProgram({ rootNames: parsed.fileNames.filter((file) => file.includes("/app/api/") || [...Object.values(ACROSS_THREADS), TASKS_MODULE].some((entry) => file.endsWith(entry))), options: parsed.options });
}

function codesReachedFrom(start: ts.Node, checker: ts.TypeChecker, source: (file: string) => ts.SourceFile | undefined): Set<ErrorCode> {
  const codes = new Set<ErrorCode>();
  const seen = new Set<ts.Node>();
  const ours = (node: ts.Node) => !node.getSourceFile().fileName.includes("node_modules");
  const declarationsOf = (node: ts.Node): ts.Declaration[] => {
    let symbol = checker.getSymbolAtLocation(node);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    return (symbol?.declarations ?? []).filter(ours);
  };
  const isAppError = (declaration: ts.Declaration): boolean =>
    ts.isClassDeclaration(declaration) &&
    (declaration.name?.text === "AppError" ||
      (declaration.heritageClauses ?? []).some((clause) => clause.types.some((type) => declarationsOf(type.expression).some(isAppError))));

  const visit = (node: ts.Node) => {
    if (seen.has(node)) return;
    seen.add(node);
    if (ts.isNewExpression(node)) {
      const classes = declarationsOf(node.expression).filter(isAppError);
      const [first] = node.arguments ?? [];
      if (classes.some((c) => (c as ts.ClassDeclaration).name?.text === "AppError") && first && ts.isStringLiteral(first)) codes.add(first.text as ErrorCode);
      for (const subclass of classes) if ((subclass as ts.ClassDeclaration).name?.text !== "AppError") visit(subclass);
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "runHeavy" && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      const task = node.arguments[0].text;
      const tasks = source(path.resolve(TASKS_MODULE));
      tasks?.forEachChild(function find(child): void {
        if (ts.isPropertyAssignment(child) && child.name.getText(tasks) === task) visit(child.initializer);
        else child.forEachChild(find);
      });
    }
    if (ts.isIdentifier(node)) {
      for (const declaration of declarationsOf(node)) {
        const body = ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration) ? declaration : ts.isVariableDeclaration(declaration) && declaration.initializer && (ts.isArrowFunction(declaration.initializer) || ts.isFunctionExpression(declaration.initializer) || ts.isCallExpression(declaration.initializer)) ? declaration.initializer : undefined;
        if (body) visit(body);
        const across = ACROSS_THREADS[node.text];
        const entry = across ? source(path.resolve(across)) : undefined;
        if (entry) visit(entry);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(start);
  return codes;
}

describe("the error codes of each route", () => {
  it("are named in its OpenAPI entry, for every code the route's code can answer with", { timeout: 120_000 }, () => {
    const built = program();
    const checker = built.getTypeChecker();
    const source = (file: string) => built.getSourceFile(file);
    const unnamed: string[] = [];
    let routes = 0;
    for (const operation of OPERATIONS.filter((o) => o.permission)) {
      const file = path.resolve("app", operation.path.slice(1).replace(/\{(\w+)\}/g, "[$1]"), "route.ts");
      const route = source(file);
      expect(route, file).toBeDefined();
      const method = operation.method.toUpperCase();
      const exported = route!.statements.flatMap((statement) =>
        ts.isVariableStatement(statement) ? statement.declarationList.declarations.filter((d) => ts.isIdentifier(d.name) && d.name.text === method) : [],
      );
      const call = exported[0]?.initializer;
      expect(call && ts.isCallExpression(call), `${method} ${operation.path} is withTenant(handler, options)`).toBe(true);
      const handler = (call as ts.CallExpression).arguments[0];
      const named = new Set<ErrorCode>([...errorCodes(operation), "internal_error"]);
      for (const code of codesReachedFrom(handler, checker, source)) {
        expect(Object.keys(ERROR_STATUS), `${code} is in the table of lib/errors.ts`).toContain(code);
        if (!named.has(code)) unnamed.push(`${method} ${operation.path}: ${code}`);
      }
      routes++;
    }
    expect(routes).toBeGreaterThan(30);
    expect(unnamed, "add them to the operation's errors in lib/api/openapi.ts").toEqual([]);
  });

  it("finds the codes a handler reaches (the check can fail)", () => {
    const file = path.resolve("lib/api/error-codes.fixture.ts");
    fs.writeFileSync(file, 'import { AppError, notFound } from "@/lib/errors";\nconst deeper = () => { throw new AppError("last_owner", "x"); };\nexport const handler = async () => { if (Math.random()) throw notFound("This"); deeper(); };\n');
    try {
      const config = ts.parseJsonConfigFileContent(ts.readConfigFile("tsconfig.json", ts.sys.readFile).config, ts.sys, process.cwd());
      const built = ts.createProgram({ rootNames: [file], options: config.options });
      const fixture = built.getSourceFile(file)!;
      const handler = fixture.statements.find((s) => ts.isVariableStatement(s) && s.declarationList.declarations[0].name.getText(fixture) === "handler") as ts.VariableStatement;
      expect([...codesReachedFrom(handler.declarationList.declarations[0].initializer!, built.getTypeChecker(), (f) => built.getSourceFile(f))].sort()).toEqual(["last_owner", "not_found"]);
    } finally {
      fs.rmSync(file);
    }
  });
});
