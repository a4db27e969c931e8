// The formatter: canonical output, idempotent, every comment kept in place,
// hashes that tell a layout edit from a meaning edit.
import { describe, expect, it } from 'vitest';
import { compileRules, formatRules } from '../../src/dsl/index.js';

const messy = `-- file header comment
ruleset   demo "Demo"   -- trailing on the header
owner "o@example.com"
# a hash comment before a definition
define recent as within 30 days before close and (proof is present)
lane influence grants 100% hit policy first {   -- after the brace
  -- before the rule
  rule "R" when recent and not (channel is content or channel in [marketplace]) {
    credit linear -- why linear
    -- a note before the closing brace
  }
  -- before otherwise
  otherwise role attached for partners on account
  -- last in the lane
}
-- the end
`;

describe('formatter', () => {
  it('lays a file out canonically and keeps every comment where it was', () => {
    const out = formatRules(messy);
    expect(out.ok).toBe(true);
    expect(out.text).toBe(`-- file header comment
ruleset demo "Demo"  -- trailing on the header
owner "o@example.com"

# a hash comment before a definition
define recent as within 30 days before close and proof is present

lane influence grants 100% hit policy first {  -- after the brace
  -- before the rule
  rule "R" when recent and not (channel is content or channel in [marketplace]) {
    credit linear  -- why linear
    -- a note before the closing brace
  }

  -- before otherwise
  otherwise role attached for partners on account
  -- last in the lane
}
-- the end
`);
  });

  it('is idempotent', () => {
    const once = formatRules(messy).text;
    expect(formatRules(once).text).toBe(once);
  });

  it('keeps the semantic hash across a formatting-only edit, and changes it for a meaning edit', () => {
    const a = compileRules(messy);
    const b = compileRules(formatRules(messy).text);
    const c = compileRules(messy.replace('30 days', '31 days'));
    if (!a.ok || !b.ok || !c.ok) throw new Error('does not compile');
    expect(b.rules.sourceHash).not.toBe(a.rules.sourceHash);
    expect(b.rules.semanticHash).toBe(a.rules.semanticHash);
    expect(c.rules.semanticHash).not.toBe(a.rules.semanticHash);
    // Number spelling and redundant grouping are not meaning.
    const d = compileRules(messy.replace('grants 100%', 'grants 100.00%').replace('recent and not', '(recent) and not'));
    if (!d.ok) throw new Error('does not compile');
    expect(d.rules.semanticHash).toBe(a.rules.semanticHash);
  });

  it('keeps the grouping that changes meaning', () => {
    const src =
      'ruleset g "G"\nowner "o"\n\nlane influence grants 100% {\n  rule "R" when (channel is co_sell or channel is content) and proof is present {\n    credit linear\n  }\n}\n';
    expect(formatRules(src).text).toBe(src);
    const flat = compileRules(src.replace('(channel is co_sell or channel is content)', 'channel is co_sell or channel is content'));
    const grouped = compileRules(src);
    if (!flat.ok || !grouped.ok) throw new Error('does not compile');
    expect(flat.rules.semanticHash).not.toBe(grouped.rules.semanticHash);
  });

  it('returns a file with syntax errors unchanged, with diagnostics', () => {
    const bad = 'ruleset b "B"\nlane influence grants {\n';
    const out = formatRules(bad);
    expect(out.ok).toBe(false);
    expect(out.text).toBe(bad);
    expect(out.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  });
});
