// The parse-tree types (src/dsl/cst.generated.ts) are generated from the
// grammar; the AST builder reads the tree through them. This keeps the
// checked-in file in step with the grammar, as CI does with `npm run dsl:cst -- --check`.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CST_TYPES_PATH, cstTypesSource } from '../../src/dsl/generate-cst.js';

describe('generated parse-tree types', () => {
  it('match the grammar', () => {
    const text = cstTypesSource();
    expect(readFileSync(CST_TYPES_PATH, 'utf8')).toBe(text);
    // One interface per grammar rule, with the labels the builder reads.
    expect(text).toContain("name: 'ruleDecl';");
    expect(text).toMatch(/export type RulesetClauseCstChildren = \{[^}]*\bkey: IToken\[\];/);
    expect(text).toMatch(/export type WeightEntryCstChildren = \{[^}]*\bfactor: QuantityCstNode\[\];/);
  });

  it('npm run dsl:cst -- --check passes on the checked-in file', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/dsl/generate-cst.ts', '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('src/dsl/cst.generated.ts is up to date.');
  });
});
