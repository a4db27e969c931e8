// Request bodies and query strings must be UTF-8 (GraphQL over HTTP). A body
// with bytes that are not is refused with BAD_USER_INPUT naming the byte
// offset and, when the bad bytes sit inside a JSON string, that string's path
// (`variables.input.touchpoints.3.proof`), instead of being silently decoded
// with U+FFFD replacement characters and stored altered.
import { isUtf8 } from 'node:buffer';

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence, or -1. */
function invalidUtf8Offset(bytes: Uint8Array): number {
  if (isUtf8(bytes)) return -1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    // Overlong forms, surrogates and code points past U+10FFFF.
    const b1 = bytes[i + 1] ?? 0;
    if ((b === 0xe0 && b1 < 0xa0) || (b === 0xed && b1 > 0x9f) || (b === 0xf0 && b1 < 0x90) || (b === 0xf4 && b1 > 0x8f)) return i;
    i += need + 1;
  }
  return -1;
}

/** The dotted path of the first string (or key) in a JSON body that holds a replacement character, if any. */
function pathOfReplacement(value: unknown, path = '', depth = 0): string | null {
  if (depth > 64) return null;
  if (typeof value === 'string') return value.includes('\uFFFD') ? path || '(the body)' : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value)) {
    const here = path ? `${path}.${k}` : k;
    if (k.includes('\uFFFD')) return `${here} (a key)`;
    const found = pathOfReplacement(v, here, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Why the body is not acceptable text, or null. */
export function bodyTextProblem(body: Buffer): { message: string; offset: number; path: string | null } | null {
  const offset = invalidUtf8Offset(body);
  if (offset < 0) return null;
  let path: string | null = null;
  try {
    path = pathOfReplacement(JSON.parse(body.toString('utf8')));
  } catch {
    /* not JSON: the offset says where */
  }
  const where = path ? `${path} holds bytes` : 'The request body holds bytes';
  return { message: `${where} that are not valid UTF-8 (first at byte ${offset}); send the request encoded as UTF-8`, offset, path };
}

/** Whether every parameter of a URL query string decodes as UTF-8. */
export function queryStringIsUtf8(search: string): boolean {
  for (const part of search.replace(/^\?/, '').split('&')) {
    try {
      decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      return false;
    }
  }
  return true;
}
