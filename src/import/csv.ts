// An RFC-4180 CSV reader that remembers where every field came from.
//
// Handles quoted fields, doubled quotes ("" inside quotes), line breaks inside
// quoted fields, CRLF / LF / CR line endings and a UTF-8 byte-order mark. It
// is incremental (push chunks, get records), so a 1 GB file streams through
// with memory bounded by the longest record. Syntax problems are returned as
// data with their line:column, and the reader resynchronises at the next line
// so one bad row does not hide the others.

export interface CsvRecord {
  /** Line (1-based) where the record starts. */
  line: number;
  fields: string[];
  /** Line and column (1-based) where each field starts. */
  positions: { line: number; column: number }[];
}

interface CsvSyntaxError {
  line: number;
  column: number;
  message: string;
  /** Line where the broken record starts (for the "rejected row" count). */
  recordLine: number;
}

export type CsvItem = { kind: 'record'; record: CsvRecord } | { kind: 'error'; error: CsvSyntaxError };

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
  SkipLine,
}

const QUOTE = 34,
  COMMA = 44,
  CR = 13,
  LF = 10,
  BOM = 0xfeff;

export class CsvReader {
  private state = State.FieldStart;
  private line = 1;
  private column = 1;
  private field = '';
  private fields: string[] = [];
  private positions: { line: number; column: number }[] = [];
  private recordLine = 1;
  private fieldLine = 1;
  private fieldColumn = 1;
  private pendingCR = false;
  private started = false;
  private out: CsvItem[] = [];

  /** Feeds the next chunk of text; returns the records (and errors) it completed. */
  push(chunk: string): CsvItem[] {
    let i = 0;
    if (!this.started && chunk.length > 0) {
      this.started = true;
      if (chunk.charCodeAt(0) === BOM) i = 1;
    }
    for (; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (this.pendingCR) {
        this.pendingCR = false;
        if (c === LF) {
          // CRLF: the line break was already counted at CR. Inside quotes the
          // field keeps its line break exactly as written.
          if (this.state === State.Quoted) {
            this.field += '\n';
          }
          continue;
        }
      }
      this.step(c, chunk[i]!);
    }
    return this.drain();
  }

  /** An error at the current position for input that is not UTF-8. */
  encodingError(): CsvItem {
    return {
      kind: 'error',
      error: {
        line: this.line,
        column: this.column,
        recordLine: this.fields.length > 0 || this.state !== State.FieldStart ? this.recordLine : this.line,
        message:
          'the file is not valid UTF-8 here (probably a Windows-1252 or Latin-1 export); nothing after this point can be read reliably. Re-export the file as "CSV UTF-8" (Excel) or convert it, e.g. iconv -f WINDOWS-1252 -t UTF-8',
      },
    };
  }

  /** Signals the end of input; returns the last record and any error. */
  end(): CsvItem[] {
    switch (this.state) {
      case State.Quoted:
        this.error(
          this.fieldLine,
          this.fieldColumn,
          'this quoted field is never closed: the file ends inside it. Add the closing double quote (") at the end of the field; a quote inside a field must be doubled ("")',
        );
        break;
      case State.SkipLine:
        this.resetRecord();
        break;
      default:
        if (this.state !== State.FieldStart || this.fields.length > 0) this.endRecord();
    }
    this.state = State.FieldStart;
    return this.drain();
  }

  private drain(): CsvItem[] {
    const items = this.out;
    this.out = [];
    return items;
  }

  /** After a field's text: a comma ends the field, a line break the record. False for any other character. */
  private separator(c: number): boolean {
    if (c === COMMA) {
      this.endField();
      this.state = State.FieldStart;
      this.advance();
      return true;
    }
    if (c === CR || c === LF) {
      this.newlineOutsideQuotes(c);
      return true;
    }
    return false;
  }

  private step(c: number, ch: string): void {
    switch (this.state) {
      case State.FieldStart:
        this.fieldLine = this.line;
        this.fieldColumn = this.column;
        if (this.fields.length === 0) this.recordLine = this.line;
        if (c === QUOTE) {
          this.state = State.Quoted;
          this.advance();
          return;
        }
        if (c === COMMA) {
          this.endField();
          this.advance();
          return;
        }
        if (c === CR || c === LF) {
          this.newlineOutsideQuotes(c);
          return;
        }
        this.field += ch;
        this.state = State.Unquoted;
        this.advance();
        return;
      case State.Unquoted:
        if (this.separator(c)) return;
        if (c === QUOTE) {
          this.error(
            this.line,
            this.column,
            'a double quote (") inside a field that does not start with one. Wrap the whole field in double quotes and double the quote inside it ("")',
          );
          this.state = State.SkipLine;
          this.advance();
          return;
        }
        this.field += ch;
        this.advance();
        return;
      case State.Quoted:
        if (c === QUOTE) {
          this.state = State.QuoteInQuoted;
          this.advance();
          return;
        }
        this.field += ch;
        if (c === CR || c === LF) {
          this.newline(c);
          return;
        }
        this.advance();
        return;
      case State.QuoteInQuoted:
        if (c === QUOTE) {
          this.field += '"';
          this.state = State.Quoted;
          this.advance();
          return;
        }
        if (this.separator(c)) return;
        this.error(
          this.line,
          this.column,
          `unexpected "${ch}" after the closing quote of a field. A quote inside a quoted field must be doubled (""), and a comma must follow the closing quote`,
        );
        this.state = State.SkipLine;
        this.advance();
        return;
      case State.SkipLine:
        if (c === CR || c === LF) {
          this.resetRecord();
          this.newline(c);
          this.state = State.FieldStart;
          return;
        }
        this.advance();
        return;
    }
  }

  private newlineOutsideQuotes(c: number): void {
    // A completely empty line is not a record (common at the end of files).
    if (this.fields.length === 0 && this.state === State.FieldStart) {
      this.newline(c);
      return;
    }
    this.endRecord();
    this.newline(c);
    this.state = State.FieldStart;
  }

  private newline(c: number): void {
    this.line++;
    this.column = 1;
    if (c === CR) this.pendingCR = true;
  }

  private advance(): void {
    this.column++;
  }

  private endField(): void {
    if (this.state === State.FieldStart) {
      // An empty field: it starts where the comma is.
      this.fieldLine = this.line;
      this.fieldColumn = this.column;
      if (this.fields.length === 0) this.recordLine = this.line;
    }
    this.fields.push(this.field);
    this.positions.push({ line: this.fieldLine, column: this.fieldColumn });
    this.field = '';
    // The next field starts right after the comma.
    this.fieldLine = this.line;
    this.fieldColumn = this.column + 1;
  }

  private endRecord(): void {
    if (this.state === State.FieldStart) {
      // The record ends with a comma: a last, empty field.
      this.fieldLine = this.line;
      this.fieldColumn = this.column;
    }
    this.fields.push(this.field);
    this.positions.push({ line: this.fieldLine, column: this.fieldColumn });
    this.out.push({ kind: 'record', record: { line: this.recordLine, fields: this.fields, positions: this.positions } });
    this.resetRecord();
  }

  private resetRecord(): void {
    this.fields = [];
    this.positions = [];
    this.field = '';
  }

  private error(line: number, column: number, message: string): void {
    this.out.push({ kind: 'error', error: { line, column, message, recordLine: this.recordLine } });
  }
}

/** Parses a whole CSV text (for small inputs and tests). */
export function parseCsvText(text: string): CsvItem[] {
  const reader = new CsvReader();
  return [...reader.push(text), ...reader.end()];
}

/**
 * Streams records from byte chunks (e.g. fs.createReadStream). `onBytes` is
 * called with the size of each chunk consumed, for progress bars. The input
 * must be UTF-8: at the first invalid byte (a Windows-1252 or Latin-1 export,
 * say) it reports where, and stops — guessing would silently corrupt names.
 */
export async function* readCsv(source: AsyncIterable<Uint8Array | string>, onBytes?: (n: number) => void): AsyncGenerator<CsvItem> {
  const reader = new CsvReader();
  let carry: Uint8Array = new Uint8Array(0);
  for await (const chunk of source) {
    if (typeof chunk === 'string') {
      yield* reader.push(chunk);
      onBytes?.(Buffer.byteLength(chunk));
      continue;
    }
    const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const end = completeUtf8Length(bytes);
    carry = bytes.slice(end);
    const decoded = decodeUtf8(bytes.subarray(0, end));
    yield* reader.push(decoded.text);
    if (decoded.invalid) {
      yield reader.encodingError();
      return;
    }
    onBytes?.(chunk.byteLength);
  }
  if (carry.length > 0) {
    yield reader.encodingError();
    return;
  }
  yield* reader.end();
}

/** Length of the prefix of `bytes` that does not end inside a multi-byte UTF-8 sequence. */
function completeUtf8Length(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes[n - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** Decodes complete UTF-8; on an invalid byte returns the valid text before it. */
function decodeUtf8(bytes: Uint8Array): { text: string; invalid: boolean } {
  try {
    return { text: strictUtf8.decode(bytes), invalid: false };
  } catch {
    // Walk the lenient decoding to the first replacement character that the
    // input did not actually contain (EF BF BD is a real U+FFFD).
    const text = lenientUtf8.decode(bytes);
    let offset = 0;
    let i = 0;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp === 0xfffd && !(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) {
        return { text: text.slice(0, i), invalid: true };
      }
      offset += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      i += ch.length;
    }
    return { text, invalid: true };
  }
}
