// Just enough RFC 4180 to keep the records of a CSV download whose column
// has one of some values (the period on screen); records are kept verbatim.
export function splitRecords(text: string): string[] {
  const records: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) {
      records.push(text.slice(start, i).replace(/\r$/, ''));
      start = i + 1;
    }
  }
  if (start < text.length) records.push(text.slice(start).replace(/\r$/, ''));
  return records;
}

export function splitFields(record: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < record.length; i++) {
    const c = record[i]!;
    if (quoted) {
      if (c === '"' && record[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/** The header and the records whose `column` is one of `keep`. */
export function filterCsv(text: string, column: string, keep: ReadonlySet<string>): string {
  const [header, ...records] = splitRecords(text);
  if (header === undefined) return text;
  const index = splitFields(header).indexOf(column);
  if (index < 0) return text;
  const kept = records.filter((r) => r !== '' && keep.has(splitFields(r)[index] ?? ''));
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return `${[header, ...kept].join(eol)}${eol}`;
}
