// `attrib lsp` as an editor sees it: a real child process speaking JSON-RPC
// over stdio (vscode-jsonrpc's client), a rule file opened, changed,
// formatted, hovered and completed.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { checkRules, formatRules } from '../../src/dsl/index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TWO_LANE = readFileSync(resolve(ROOT, 'dsl/two_lane.attr'), 'utf8');

interface LspDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  code: string;
  severity: number;
}
interface PublishParams {
  uri: string;
  version?: number;
  diagnostics: LspDiagnostic[];
}

let child: ChildProcessWithoutNullStreams;
let conn: MessageConnection;
let stderr = '';
const published: PublishParams[] = [];
const waiters: Array<(p: PublishParams) => boolean> = [];

function nextDiagnostics(uri: string, version: number): Promise<PublishParams> {
  const have = published.find((p) => p.uri === uri && p.version === version);
  if (have) return Promise.resolve(have);
  return new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`no diagnostics for ${uri} v${version}; stderr: ${stderr}`)), 20_000);
    waiters.push((p) => {
      if (p.uri !== uri || p.version !== version) return false;
      clearTimeout(timer);
      res(p);
      return true;
    });
  });
}

beforeAll(async () => {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  child = spawn(process.execPath, ['bin/attrib.js', 'lsp', '--stdio'], { cwd: ROOT, env });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishParams) => {
    published.push(p);
    for (let i = 0; i < waiters.length; i++)
      if (waiters[i]!(p)) {
        waiters.splice(i, 1);
        i--;
      }
  });
  conn.listen();
  const init = (await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} })) as {
    capabilities: Record<string, unknown>;
  };
  expect(init.capabilities).toMatchObject({ hoverProvider: true, documentFormattingProvider: true, textDocumentSync: 2 });
  expect(init.capabilities.completionProvider).toBeDefined();
  await conn.sendNotification('initialized', {});
}, 60_000);

afterAll(async () => {
  if (!conn) return;
  await conn.sendRequest('shutdown');
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  await conn.sendNotification('exit');
  expect(await exited).toBe(0);
  conn.dispose();
});

const open = async (uri: string, text: string) => {
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'attrib', version: 1, text } });
};

describe('attrib lsp', () => {
  it("publishes the checker's diagnostic at its line and column on open, and clears it when the change fixes it", async () => {
    const bad = TWO_LANE.replace(
      'define defined_influence as action in [validated_intro, joint_discovery,',
      'define defined_influence as action in [validated_intro, joint_discovry,',
    );
    expect(bad).not.toBe(TWO_LANE);
    const uri = 'file:///rules/two_lane.attr';
    await open(uri, bad);
    const first = await nextDiagnostics(uri, 1);
    const expected = checkRules(bad).diagnostics.filter((d) => d.severity === 'error');
    expect(expected).toHaveLength(1);
    const errors = first.diagnostics.filter((d) => d.severity === 1);
    expect(errors).toHaveLength(1);
    const lineNo = bad.split('\n').findIndex((l) => l.includes('joint_discovry'));
    const col = bad.split('\n')[lineNo]!.indexOf('joint_discovry');
    expect(errors[0]!.range.start).toEqual({ line: lineNo, character: col });
    expect(errors[0]!.range.end).toEqual({ line: lineNo, character: col + 'joint_discovry'.length });
    expect(errors[0]!.message).toBe(`${expected[0]!.message}\nhint: did you mean \`joint_discovery\`?`);
    expect(errors[0]!.code).toBe(expected[0]!.code);

    // An incremental change that fixes the typo: one character inserted.
    await conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: lineNo, character: col + 12 }, end: { line: lineNo, character: col + 12 } }, text: 'e' }],
    });
    const second = await nextDiagnostics(uri, 2);
    expect(second.diagnostics.filter((d) => d.severity === 1)).toEqual([]);
  });

  it('reports a syntax error where the parser stops', async () => {
    const uri = 'file:///rules/syntax.attr';
    const text = 'ruleset demo "Demo"\nlane source grants 100% {\n  rule "R" when action is { role sourced credit linear }\n}\n';
    await open(uri, text);
    const p = await nextDiagnostics(uri, 1);
    const want = checkRules(text).diagnostics.filter((d) => d.severity === 'error');
    expect(p.diagnostics.filter((d) => d.severity === 1).map((d) => [d.range.start.line + 1, d.range.start.character + 1])).toEqual(
      want.map((d) => [d.range.start.line, d.range.start.column]),
    );
    expect(p.diagnostics[0]!.range.start.line).toBe(2);
  });

  it("formats a document to the formatter's output", async () => {
    const uri = 'file:///rules/messy.attr';
    const messy = TWO_LANE.replace('lane source grants 100% hit policy first {', 'lane   source grants 100%   hit policy first{').replace(
      /\n {2}rule "Registered/,
      '\n        rule "Registered',
    );
    expect(messy).not.toBe(TWO_LANE);
    await open(uri, messy);
    const edits = (await conn.sendRequest('textDocument/formatting', {
      textDocument: { uri },
      options: { tabSize: 2, insertSpaces: true },
    })) as Array<{ range: unknown; newText: string }>;
    expect(edits).toHaveLength(1);
    expect(edits[0]!.newText).toBe(formatRules(messy).text);
    expect(edits[0]!.newText).toBe(TWO_LANE);
    const lines = messy.split('\n');
    expect(edits[0]!.range).toEqual({
      start: { line: 0, character: 0 },
      end: { line: lines.length - 1, character: lines[lines.length - 1]!.length },
    });
  });

  it('hovers a field with its description and its taxonomy values, and a credit model', async () => {
    const uri = 'file:///rules/hover.attr';
    await open(uri, TWO_LANE);
    const lines = TWO_LANE.split('\n');
    const line = lines.findIndex((l) => l.includes('proof is present'));
    const h = (await conn.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line, character: lines[line]!.indexOf('proof is present') + 2 },
    })) as { contents: { kind: string; value: string } };
    expect(h.contents.kind).toBe('markdown');
    expect(h.contents.value).toContain('link or note proving the action');
    const actionLine = lines.findIndex((l) => l.startsWith('define early_origin'));
    const ha = (await conn.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: actionLine, character: lines[actionLine]!.indexOf('action') + 1 },
    })) as { contents: { value: string } };
    expect(ha.contents.value).toContain('the partner action type');
    expect(ha.contents.value).toContain('`joint_discovery`');
    const modelLine = lines.findIndex((l) => l.includes('credit first_touch'));
    const hm = (await conn.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: modelLine, character: lines[modelLine]!.indexOf('first_touch') + 3 },
    })) as { contents: { value: string } };
    expect(hm.contents.value).toContain('credit model');
    expect(hm.contents.value).toContain('first matching touch');
  });

  it('completes taxonomy values for the field being compared, and fields after a dot', async () => {
    const uri = 'file:///rules/complete.attr';
    const text = 'ruleset demo "Demo"\ndefine a as channel in [co_sell, \ndefine b as partner.\n';
    await open(uri, text);
    const items = (await conn.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line: 1, character: 'define a as channel in [co_sell, '.length },
    })) as Array<{ label: string; kind: number }>;
    expect(items.map((i) => i.label)).toEqual(['co_sell', 'integration', 'marketplace', 'content', 'services', 'referral']);
    const fields = (await conn.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line: 2, character: 'define b as partner.'.length },
    })) as Array<{ label: string; kind: number; detail: string }>;
    expect(fields.map((i) => i.label)).toEqual(['key', 'name', 'type', 'tier']);
    expect(fields.find((f) => f.label === 'tier')!.detail).toContain('partner tier');
  });
});
