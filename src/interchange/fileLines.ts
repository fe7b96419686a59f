import { MAX_LINE_LENGTH } from './lineReader.js';
import type { NumberedLine } from './importer.js';

/** Bytes of one line kept at the most (UTF-8 takes up to 4 per character); the rest is dropped, and the line refused as too long. */
const MAX_LINE_BYTES = 4 * MAX_LINE_LENGTH;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * The lines of an import file (or standard input) with their numbers, each decoded as UTF-8 on its
 * own and strictly: a line that is not valid UTF-8 comes with `unreadable` (why), so that it is
 * refused by its number rather than stored with U+FFFD in place of what could not be read. A
 * byte-order mark is kept for the LineReader, which accepts one at the start of the file.
 * `onBytes` is told the bytes read so far (for progress).
 */
export async function* fileLines(input: AsyncIterable<Uint8Array | string>, onBytes?: (bytes: number) => void): AsyncGenerator<NumberedLine> {
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const lenient = new TextDecoder('utf-8', { ignoreBOM: true });
  let parts: Uint8Array[] = [];
  let size = 0;
  let tooLong = false;
  let line = 0;
  let bytes = 0;
  const finish = (): NumberedLine => {
    line++;
    const whole = parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
    const end = whole.length > 0 && whole[whole.length - 1] === CARRIAGE_RETURN ? whole.length - 1 : whole.length;
    const body = whole.subarray(0, end);
    parts = [];
    size = 0;
    if (tooLong) {
      tooLong = false;
      return { line, text: '\u0000', unreadable: `line is longer than ${MAX_LINE_LENGTH} characters` };
    }
    try {
      return { line, text: strict.decode(body) };
    } catch {
      const text = lenient.decode(body);
      return { line, text, unreadable: `line is not valid UTF-8 text (the first bad byte is at character ${text.indexOf('\uFFFD') + 1}); save the file as UTF-8` };
    }
  };
  const keep = (piece: Uint8Array) => {
    if (tooLong) return;
    if (size + piece.length > MAX_LINE_BYTES) {
      tooLong = true;
      parts = [];
      size = 0;
      return;
    }
    if (piece.length > 0) {
      parts.push(piece);
      size += piece.length;
    }
  };
  for await (const chunk of input) {
    const data = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    bytes += data.length;
    let start = 0;
    for (let at = data.indexOf(NEWLINE); at !== -1; at = data.indexOf(NEWLINE, start)) {
      keep(data.subarray(start, at));
      start = at + 1;
      yield finish();
    }
    // Copied: a stream may reuse its buffer for the next chunk.
    keep(Uint8Array.prototype.slice.call(data, start));
    onBytes?.(bytes);
  }
  if (size > 0 || tooLong) yield finish();
}
