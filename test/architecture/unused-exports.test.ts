// Dead exports: every symbol a file of src/ exports is imported somewhere else (src, test, test-browser, bench,
// web, scripts, examples, bin, the root config files). Reads each file's syntax with the TypeScript compiler
// (imports, `export … from`, `export *`, dynamic `import()` and `import('…')` types), resolves relative
// specifiers to files and lists the exports of src/**/*.ts(x) nothing imports: a symbol used only in its own file
// should not be exported, one used nowhere should be deleted. Entry points that are run rather than imported are
// allowed below, each with its reason.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');
const SCANNED = ['src', 'test', 'test-browser', 'bench', 'web', 'scripts', 'examples', 'bin', 'editors'];
const ROOT_FILES = ['codegen.ts', 'prisma.config.ts', 'vitest.config.ts'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'generated', '.vite']);

/** `path#name` (path under the repository) → why it is exported though nothing imports it. */
const ALLOWED: Readonly<Record<string, string>> = {};

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) out.push(...filesUnder(join(dir, entry.name)));
    } else if (/\.(ts|tsx|mts|mjs|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      out.push(join(dir, entry.name));
    }
  }
  return out;
}

const CANDIDATE_EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.mjs', '.js', '/index.ts', '/index.tsx'];

/** The file a relative specifier names (`./x.js` is `./x.ts` in the sources), or undefined for a package. */
function resolveSpecifier(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  const stems = [base, base.replace(/\.(m?js|jsx)$/, '')];
  for (const stem of stems) {
    for (const ext of CANDIDATE_EXTENSIONS) {
      const path = stem + ext;
      if (existsSync(path) && statSync(path).isFile()) return path;
    }
  }
  return undefined;
}

interface FileFacts {
  /** Names this file exports. */
  exports: Set<string>;
  /** Imports: target file → imported names ('*' for the whole module). */
  imports: Map<string, Set<string>>;
}

function factsOf(path: string): FileFacts {
  const text = readFileSync(path, 'utf8');
  const kind = path.endsWith('.tsx')
    ? ts.ScriptKind.TSX
    : path.endsWith('.ts') || path.endsWith('.mts')
      ? ts.ScriptKind.TS
      : ts.ScriptKind.JS;
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  const facts: FileFacts = { exports: new Set(), imports: new Map() };
  const use = (specifier: string, names: readonly string[]) => {
    const target = resolveSpecifier(path, specifier);
    if (target === undefined || target === path) return;
    const set = facts.imports.get(target) ?? new Set<string>();
    for (const n of names) set.add(n);
    facts.imports.set(target, set);
  };
  const exported = (node: ts.Node) =>
    ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const isDefault = (node: ts.Node) =>
    ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const names: string[] = [];
      const clause = node.importClause;
      if (clause?.name) names.push('default');
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.push('*');
      if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) names.push((e.propertyName ?? e.name).text);
      use(node.moduleSpecifier.text, names);
    } else if (ts.isExportDeclaration(node)) {
      const clause = node.exportClause;
      if (node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        if (!clause) use(node.moduleSpecifier.text, ['*']);
        else if (ts.isNamespaceExport(clause)) use(node.moduleSpecifier.text, ['*']);
        else
          use(
            node.moduleSpecifier.text,
            clause.elements.map((e) => (e.propertyName ?? e.name).text),
          );
      }
      if (clause && ts.isNamedExports(clause)) for (const e of clause.elements) facts.exports.add(e.name.text);
      if (clause && ts.isNamespaceExport(clause)) facts.exports.add(clause.name.text);
    } else if (ts.isExportAssignment(node)) {
      facts.exports.add('default');
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteralLike(arg)) use(arg.text, ['*']);
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      if (ts.isLiteralTypeNode(arg) && ts.isStringLiteral(arg.literal)) use(arg.literal.text, ['*']);
    }
    if (node.parent === source && exported(node)) {
      if (isDefault(node)) facts.exports.add('default');
      else if (ts.isVariableStatement(node)) {
        for (const d of node.declarationList.declarations) {
          if (ts.isIdentifier(d.name)) facts.exports.add(d.name.text);
        }
      } else if (
        (ts.isFunctionDeclaration(node) ||
          ts.isClassDeclaration(node) ||
          ts.isInterfaceDeclaration(node) ||
          ts.isTypeAliasDeclaration(node) ||
          ts.isEnumDeclaration(node) ||
          ts.isModuleDeclaration(node)) &&
        node.name &&
        ts.isIdentifier(node.name)
      ) {
        facts.exports.add(node.name.text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return facts;
}

function unusedExports(): string[] {
  const files = [...SCANNED.flatMap((d) => filesUnder(join(ROOT, d))), ...ROOT_FILES.map((f) => join(ROOT, f)).filter(existsSync)];
  const facts = new Map(files.map((f) => [f, factsOf(f)]));
  const used = new Map<string, Set<string>>();
  for (const f of facts.values()) {
    for (const [target, names] of f.imports) {
      const set = used.get(target) ?? new Set<string>();
      for (const n of names) set.add(n);
      used.set(target, set);
    }
  }
  const out: string[] = [];
  for (const [file, f] of facts) {
    if (!file.startsWith(SRC + sep) || !/\.tsx?$/.test(file)) continue;
    const names = used.get(file) ?? new Set<string>();
    if (names.has('*')) continue;
    for (const name of f.exports) {
      if (!names.has(name)) out.push(`${relative(ROOT, file).split(sep).join('/')}#${name}`);
    }
  }
  return out.sort();
}

describe('exports of src/', () => {
  const unused = unusedExports();

  it('are all imported somewhere (or allowed, with a reason)', () => {
    const unexpected = unused.filter((u) => !(u in ALLOWED));
    expect(unexpected, 'exported but never imported: delete it, or drop `export` when only its own file uses it').toEqual([]);
  });

  it('lists no allowance that no longer applies', () => {
    const stale = Object.keys(ALLOWED).filter((u) => !unused.includes(u));
    expect(stale).toEqual([]);
  });

  it('sees imports of every kind (a check that finds nothing cannot fail)', () => {
    // This file's own reading of a known graph: two fixture files, one re-exporting the other's export under
    // another name, importing a type, a namespace and a dynamic import.
    const dir = mkdtempSync(join(tmpdir(), 'unused-exports-'));
    try {
      writeFileSync(join(dir, 'home.ts'), 'export function one(): number { return 1; }\nexport type Two = 2;\n');
      writeFileSync(
        join(dir, 'alias.ts'),
        "export { one as uno } from './home.js';\nimport type { Two } from './home.js';\nimport * as all from './home.ts';\n" +
          "export const later = () => import('./home.js');\nexport type T = Two | typeof all;\n",
      );
      const facts = factsOf(join(dir, 'alias.ts'));
      expect(facts.exports).toEqual(new Set(['uno', 'later', 'T']));
      expect(facts.imports.get(join(dir, 'home.ts'))).toEqual(new Set(['one', 'Two', '*']));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(unused.some((u) => u.startsWith('test/'))).toBe(false);
  });
});
