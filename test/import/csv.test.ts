import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvReader, parseCsvText, readCsv, type CsvItem } from '../../src/import/csv.js';

const records = (items: CsvItem[]) => items.map((i) => (i.kind === 'record' ? i.record.fields : { error: i.error }));

describe('CSV reader (RFC 4180)', () => {
  it('reads quoted fields, doubled quotes and embedded commas and line breaks', () => {
    const items = parseCsvText('a,b,c\n"x,y","he said ""hi""","two\nlines"\n');
    expect(records(items)).toEqual([
      ['a', 'b', 'c'],
      ['x,y', 'he said "hi"', 'two\nlines'],
    ]);
  });

  it('handles CRLF, a lone CR, a byte-order mark and a missing final newline', () => {
    expect(records(parseCsvText('\uFEFFkey,name\r\n1,a\r2,b\n3,c'))).toEqual([
      ['key', 'name'],
      ['1', 'a'],
      ['2', 'b'],
      ['3', 'c'],
    ]);
  });

  it('keeps empty fields, including a trailing one, and skips blank lines', () => {
    expect(records(parseCsvText('a,,c,\n\n\n,,\n'))).toEqual([
      ['a', '', 'c', ''],
      ['', '', ''],
    ]);
  });

  it('tracks the line and column where every field starts, across embedded newlines', () => {
    const [, second] = parseCsvText('k,v,w\n"multi\nline",x,"y"\n');
    expect(second?.kind).toBe('record');
    if (second?.kind !== 'record') return;
    expect(second.record.line).toBe(2);
    expect(second.record.positions).toEqual([
      { line: 2, column: 1 },
      { line: 3, column: 7 },
      { line: 3, column: 9 },
    ]);
  });

  it('reports an unterminated quote at the opening quote', () => {
    const items = parseCsvText('a,b\n1,"never closed\n2,3\n');
    expect(items.at(-1)).toEqual({ kind: 'error', error: expect.objectContaining({ line: 2, column: 3, recordLine: 2 }) });
    expect(items.at(-1)?.kind === 'error' && items.at(-1)).toBeTruthy();
  });

  it('reports a stray quote and text after a closing quote, then carries on with the next line', () => {
    const items = parseCsvText('a,b"c\n"x"y,z\n1,2\n');
    expect(items).toEqual([
      { kind: 'error', error: expect.objectContaining({ line: 1, column: 4 }) },
      { kind: 'error', error: expect.objectContaining({ line: 2, column: 4 }) },
      { kind: 'record', record: expect.objectContaining({ line: 3, fields: ['1', '2'] }) },
    ]);
  });

  it('gives the same result whatever the chunk boundaries (CR|LF, "" and BOM split)', () => {
    const text = '\uFEFFk,v\r\n"a""b",c\r\n"x\r\ny",z\r\n';
    const whole = parseCsvText(text);
    for (let cut = 0; cut <= text.length; cut++) {
      const reader = new CsvReader();
      expect([...reader.push(text.slice(0, cut)), ...reader.push(text.slice(cut)), ...reader.end()]).toEqual(whole);
    }
  });

  it('round-trips any table of strings written the RFC-4180 way, in any chunking', () => {
    const fieldArb = fc
      .string({ unit: fc.constantFrom('a', 'Z', '1', ',', '"', '\n', '\r\n', ' ', 'é', '—') })
      .filter((s) => !s.includes('\r') || s.includes('\r\n'));
    const tableArb = fc
      .integer({ min: 1, max: 4 })
      .chain((width) => fc.array(fc.array(fieldArb, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 6 }));
    fc.assert(
      fc.property(tableArb, fc.array(fc.nat(), { maxLength: 5 }), (table, cuts) => {
        // A row whose only field is empty would be a blank line; quote everything.
        const text = table.map((row) => row.map((f) => `"${f.replace(/"/g, '""')}"`).join(',')).join('\r\n');
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const reader = new CsvReader();
        const items: CsvItem[] = [];
        let last = 0;
        for (const p of points) {
          items.push(...reader.push(text.slice(last, p)));
          last = p;
        }
        items.push(...reader.push(text.slice(last)), ...reader.end());
        expect(records(items)).toEqual(table);
      }),
      { numRuns: 300 },
    );
  });

  it('streams bytes, including a multi-byte character split across chunks', async () => {
    const bytes = Buffer.from('name\n"Zürich — Ünïcode"\n');
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 3) yield bytes.subarray(i, i + 3);
    }
    let seen = 0;
    const items: CsvItem[] = [];
    for await (const item of readCsv(chunks(), (n) => {
      seen += n;
    }))
      items.push(item);
    expect(records(items)).toEqual([['name'], ['Zürich — Ünïcode']]);
    expect(seen).toBe(bytes.length);
  });
});

describe('CSV reader encoding', () => {
  async function readAll(chunks: Uint8Array[]) {
    async function* source() {
      for (const c of chunks) yield c;
    }
    const items: CsvItem[] = [];
    for await (const item of readCsv(source())) items.push(item);
    return items;
  }

  it('reports the line and column of the first byte that is not UTF-8, and stops', async () => {
    // "Zürich" written in Windows-1252: ü is the single byte 0xFC.
    const latin1 = Buffer.concat([Buffer.from('key,name\nP1,Z'), Buffer.from([0xfc]), Buffer.from('rich\nP2,Ok\n')]);
    const items = await readAll([latin1]);
    expect(records(items)).toEqual([
      ['key', 'name'],
      {
        error: expect.objectContaining({ line: 2, column: 5, recordLine: 2, message: expect.stringMatching(/not valid UTF-8.*CSV UTF-8/) }),
      },
    ]);
  });

  it('keeps a real U+FFFD and multi-byte characters split across chunks', async () => {
    const bytes = Buffer.from('a\n\uFFFD€𝄞\n');
    const chunks = Array.from(bytes, (b) => Uint8Array.of(b));
    expect(records(await readAll(chunks))).toEqual([['a'], ['\uFFFD€𝄞']]);
  });

  it('reports a file that ends in the middle of a character', async () => {
    const items = await readAll([Buffer.from('a\nb'), Uint8Array.of(0xe2, 0x82)]);
    expect(items.at(-1)).toMatchObject({ kind: 'error', error: { line: 2, column: 2 } });
  });
});
