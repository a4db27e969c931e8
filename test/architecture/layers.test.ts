// The layering of src/: which folder may import which, and no import cycle
// between folders. Reads every import (static, `export … from`, dynamic
// `import()`) of src/**/*.{ts,mjs} with the TypeScript compiler's
// preProcessFile, resolves relative specifiers to their folder under src/
// (a top-level file such as src/config.ts is its own folder, `config`) and
// names each offending edge file:line. The same rules are written in
// ARCHITECTURE.md ("Layers").
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');

/**
 * The layers, lowest first. A folder may import any folder of a lower layer;
 * within a layer only the edges of PEER_EDGES; never a higher layer.
 */
const LAYERS: readonly (readonly string[])[] = [
  // Plain data and leaf infrastructure: no imports from src/ (bar NARROW below).
  ['domain', 'generated', 'config', 'progress', 'threads'],
  // The pure libraries (only src/domain) and the database access.
  ['dsl', 'spotlight', 'db'],
  ['audit'],
  ['taxonomy', 'auth'],
  // Attribution runs, then the rule-version lifecycle built on them.
  ['engine'],
  ['rules'],
  // Services the entry points share.
  ['ingest', 'import', 'fx', 'seed', 'reports', 'governance', 'recompute-queue', 'jobs'],
  ['graphql'],
  // Entry points: nothing imports them (bar their own files).
  ['server', 'cli', 'lsp'],
];

/** Edges allowed between two folders of the same layer. */
const PEER_EDGES: readonly string[] = [
  'fx -> import', // an exchange-rate file goes through the import file pipeline
  'governance -> reports', // the audit-trail listing reads through the reports' database slice
  'cli -> lsp', // `attrib lsp` starts the language server
];

/** Folders restricted further than their layer: they may import only these. */
const NARROW: Readonly<Record<string, readonly string[]>> = {
  domain: [],
  generated: [],
  config: [],
  progress: [],
  threads: [],
  dsl: ['domain'],
  spotlight: ['domain'],
};

interface Edge {
  from: string;
  to: string;
  file: string;
  line: number;
  target: string;
}

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (path === join(SRC, 'generated')) continue;
      files.push(...sourceFiles(path));
    } else if (/\.(ts|mts|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      files.push(path);
    }
  }
  return files;
}

function folderOf(path: string): string {
  const parts = relative(SRC, path).split(sep);
  return parts.length === 1 ? parts[0]!.replace(/\.(ts|mts|mjs|js)$/, '') : parts[0]!;
}

function lineAt(text: string, pos: number): number {
  let line = 1;
  for (let i = 0; i < pos; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function importEdges(): Edge[] {
  const edges: Edge[] = [];
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const info = ts.preProcessFile(text, true, true);
    for (const imported of info.importedFiles) {
      if (!imported.fileName.startsWith('.')) continue;
      const target = resolve(dirname(file), imported.fileName);
      if (!target.startsWith(SRC + sep)) continue;
      const from = folderOf(file);
      const to = folderOf(target);
      if (from === to) continue;
      edges.push({
        from,
        to,
        file: relative(SRC, file),
        line: lineAt(text, imported.pos),
        target: relative(SRC, target).replace(/\.js$/, '.ts'),
      });
    }
  }
  return edges;
}

const layerOf = new Map<string, number>();
LAYERS.forEach((folders, i) => {
  for (const f of folders) layerOf.set(f, i);
});

function forbidden(edge: Edge): string | undefined {
  const narrow = NARROW[edge.from];
  if (narrow && !narrow.includes(edge.to)) {
    return `src/${edge.from} imports only ${narrow.length ? narrow.map((f) => `src/${f}`).join(', ') : 'nothing in src/'}`;
  }
  const a = layerOf.get(edge.from)!;
  const b = layerOf.get(edge.to)!;
  if (b > a) return `src/${edge.to} is a higher layer than src/${edge.from}`;
  if (a === b && !PEER_EDGES.includes(`${edge.from} -> ${edge.to}`))
    return `src/${edge.from} and src/${edge.to} are peers without a declared edge`;
  return undefined;
}

const describeEdge = (e: Edge) => `src/${e.file}:${e.line} imports src/${e.target}`;

/** The folder cycles: strongly connected components of more than one folder (Tarjan). */
function folderCycles(edges: readonly Edge[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const e of edges) {
    if (!next.has(e.from)) next.set(e.from, new Set());
    next.get(e.from)!.add(e.to);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) visit(v);
  return components;
}

describe('layering of src/', () => {
  const edges = importEdges();

  it('reads the imports (the graph is not empty)', () => {
    expect(edges.length).toBeGreaterThan(100);
    expect(edges.some((e) => e.from === 'dsl' && e.to === 'domain')).toBe(true);
  });

  it('gives every folder of src/ a layer', () => {
    const folders = new Set(sourceFiles(SRC).map(folderOf));
    const missing = [...folders].filter((f) => !layerOf.has(f));
    expect(missing, 'add the folder to LAYERS here and to "Layers" in ARCHITECTURE.md').toEqual([]);
  });

  it('imports only downwards, or along a declared peer edge', () => {
    const offending = edges.filter((e) => forbidden(e) !== undefined);
    expect(offending.map((e) => `${describeEdge(e)}: ${forbidden(e)}`)).toEqual([]);
  });

  it('has no import cycle between folders', () => {
    const cycles = folderCycles(edges).map((component) => {
      const inside = edges.filter((e) => component.includes(e.from) && component.includes(e.to));
      const against = inside.filter((e) => forbidden(e) !== undefined);
      return `${component.join(' ⇄ ')}: ${[...new Set((against.length ? against : inside).map(describeEdge))].join('; ')}`;
    });
    expect(cycles).toEqual([]);
  });

  it('finds a forbidden edge and a cycle when there is one', () => {
    const upward: Edge = { from: 'import', to: 'cli', file: 'import/x.ts', line: 3, target: 'cli/progress.ts' };
    expect(forbidden(upward)).toBe('src/cli is a higher layer than src/import');
    expect(forbidden({ ...upward, from: 'dsl', to: 'db' })).toBe('src/dsl imports only src/domain');
    expect(forbidden({ ...upward, from: 'ingest', to: 'seed' })).toMatch(/peers without a declared edge/);
    expect(forbidden({ ...upward, from: 'graphql', to: 'ingest' })).toBeUndefined();
    expect(folderCycles([upward, { ...upward, from: 'cli', to: 'import' }])).toEqual([['cli', 'import']]);
  });
});
