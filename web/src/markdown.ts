// The small part of Markdown the app's explainer pages are written in
// (docs/spotlight.md): headings, paragraphs, bullet and numbered lists
// (continuation lines indented), pipe tables, fenced code, and inline
// `code`, **strong** and *emphasis*; a link keeps its text (its target is a
// file of the repository, not a page of the app) and an image line is kept
// as a block the view may leave out. Parsed to plain data that the view
// renders as React elements: no HTML from the text is ever interpreted.
// Pure (tested in test/web).

export type Inline = { kind: 'text' | 'code' | 'strong' | 'em'; text: string };

export type Block =
  | { kind: 'heading'; level: number; text: Inline[] }
  | { kind: 'paragraph'; text: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] }
  | { kind: 'table'; header: Inline[][]; rows: Inline[][][] }
  | { kind: 'code'; text: string }
  | { kind: 'image'; alt: string; src: string };

/** Splits a line of text into code spans, strong and emphasis; anything else is text. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  const push = (kind: Inline['kind'], t: string) => {
    if (!t) return;
    const last = out[out.length - 1];
    if (kind === 'text' && last?.kind === 'text') last.text += t;
    else out.push({ kind, text: t });
  };
  let i = 0;
  let plain = '';
  const flush = () => {
    push('text', plain);
    plain = '';
  };
  while (i < text.length) {
    const rest = text.slice(i);
    const link = /^\[([^\]]+)\]\([^)]*\)/.exec(rest);
    if (link) {
      plain += link[1];
      i += link[0].length;
      continue;
    }
    const code = /^`([^`]+)`/.exec(rest);
    const strong = /^\*\*([^*]+)\*\*/.exec(rest);
    const em = /^\*([^*\s][^*]*)\*/.exec(rest);
    const m = code ?? strong ?? em;
    if (m) {
      flush();
      push(code ? 'code' : strong ? 'strong' : 'em', m[1]!);
      i += m[0].length;
    } else {
      plain += text[i];
      i++;
    }
  }
  flush();
  return out;
}

function tableCells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim().replace(/\\$/, ''));
}

const LIST_ITEM = /^(\s*)([-*]|\d+\.)\s+(.*)$/;

/** The blocks of a Markdown text, in order. */
export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (!line.trim()) {
      i++;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1]!.length, text: parseInline(heading[2]!.trim()) });
      i++;
      continue;
    }
    const image = /^!\[([^\]]*)\]\(([^)]*)\)\s*$/.exec(line.trim());
    if (image) {
      blocks.push({ kind: 'image', alt: image[1]!, src: image[2]! });
      i++;
      continue;
    }
    if (line.startsWith('```')) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.startsWith('```')) body.push(lines[i++]!);
      i++; // the closing fence
      blocks.push({ kind: 'code', text: body.join('\n') });
      continue;
    }
    if (line.trim().startsWith('|') && /^\s*\|?[\s:|-]+\|?\s*$/.test(lines[i + 1] ?? '') && (lines[i + 1] ?? '').includes('-')) {
      const header = tableCells(line).map(parseInline);
      const rows: Inline[][][] = [];
      i += 2;
      while (i < lines.length && lines[i]!.trim().startsWith('|')) rows.push(tableCells(lines[i++]!).map(parseInline));
      blocks.push({ kind: 'table', header, rows });
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const ordered = /\d/.test(item[2]!);
      const items: string[] = [];
      while (i < lines.length) {
        const l = lines[i]!;
        const m = LIST_ITEM.exec(l);
        if (m && /\d/.test(m[2]!) === ordered) items.push(m[3]!.trim());
        else if (l.trim() && /^\s+/.test(l) && items.length > 0) items[items.length - 1] += ` ${l.trim()}`;
        else break;
        i++;
      }
      blocks.push({ kind: 'list', ordered, items: items.map(parseInline) });
      continue;
    }
    const para: string[] = [line.trim()];
    i++;
    while (
      i < lines.length &&
      lines[i]!.trim() &&
      !/^(#{1,6})\s/.test(lines[i]!) &&
      !lines[i]!.startsWith('```') &&
      !LIST_ITEM.test(lines[i]!) &&
      !lines[i]!.trim().startsWith('|')
    )
      para.push(lines[i++]!.trim());
    blocks.push({ kind: 'paragraph', text: parseInline(para.join(' ')) });
  }
  return blocks;
}
