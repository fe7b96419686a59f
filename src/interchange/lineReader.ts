import { MAX_IMPORT_NESTING } from '../config/limits.js';
import { validateEntityInput } from '../validation/index.js';
import { ftmLineToItems, UnknownSchemaError, type FtmProvenance } from './ftmImport.js';
import { reasonOf, type ImportFormat, type ImportItem, type Rejection } from './items.js';
import { nativeLineToItem } from './native.js';

/** Longest line accepted (a runaway line is rejected rather than buffered without end). */
export const MAX_LINE_LENGTH = 1_000_000;

/** The Source that FollowTheMoney data (which carries no grades) is attributed to, and its default grade. */
export interface FtmDataset extends FtmProvenance {
  sourceName: string;
}

/** One line read: its items, or why it gives none. */
export type LineReading =
  | { kind: 'items'; items: ImportItem[]; ftm: boolean }
  | { kind: 'rejected'; rejection: Rejection }
  | { kind: 'unknownSchema'; schema: string };

/**
 * Turns lines of an import into items: our own records, or FollowTheMoney entities (the first FtM
 * line also brings the dataset's Source). The one reading of a line, for the transactional import
 * and for the initial bulk load alike, so both accept and reject exactly the same lines.
 */
export class LineReader {
  private ftmSourceQueued = false;

  constructor(
    private readonly format: ImportFormat,
    private readonly ftm: FtmDataset | undefined,
  ) {}

  /** `unreadable`: why the line's bytes are not text (fileLines), when they are not. */
  read(text: string, line: number, unreadable?: string): LineReading {
    try {
      if (unreadable !== undefined) throw new Error(unreadable);
      if (text.length > MAX_LINE_LENGTH) throw new Error(`line is longer than ${MAX_LINE_LENGTH} characters`);
      // A byte-order mark (as some editors save UTF-8) may open the file.
      if (line === 1 && text.startsWith(BYTE_ORDER_MARK)) text = text.slice(1);
      if (nestedDeeperThan(text, MAX_IMPORT_NESTING)) {
        throw new Error(`line is nested more than ${MAX_IMPORT_NESTING} levels deep (arrays and objects within each other); a record is at most a few levels deep`);
      }
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new Error(`invalid JSON: ${reasonOf(error)}`);
      }
      return this.itemsOf(value, line);
    } catch (error) {
      if (error instanceof UnknownSchemaError) return { kind: 'unknownSchema', schema: error.schema };
      const id = typeof (error as { id?: unknown }).id === 'string' ? (error as { id: string }).id : idOf(text);
      return { kind: 'rejected', rejection: { line, id, reason: reasonOf(error) } };
    }
  }

  private itemsOf(value: unknown, line: number): LineReading {
    const isFtm = this.format === 'ftm' || (this.format === 'auto' && typeof value === 'object' && value !== null && 'schema' in value);
    if (!isFtm) return { kind: 'items', items: [nativeLineToItem(value, line)], ftm: false };
    // Our own FtM exports carry the exact record beside the FtM view of it: prefer it.
    const embedded = (value as { scamAtlas?: unknown }).scamAtlas;
    if (typeof embedded === 'object' && embedded !== null) return { kind: 'items', items: [nativeLineToItem(embedded, line)], ftm: false };
    if (!this.ftm) throw new Error('FollowTheMoney lines need a dataset Source (ImportOptions.ftm)');
    const items = ftmLineToItems(value, line, this.ftm);
    if (!this.ftmSourceQueued) {
      this.ftmSourceQueued = true;
      const source = validateEntityInput('Source', {
        id: this.ftm.sourceId, name: this.ftm.sourceName, publisher: 'FollowTheMoney import', defaultReliability: this.ftm.reliability,
      }, 'dataset');
      items.unshift({ entity: { line, entity: source } });
    }
    return { kind: 'items', items, ftm: true };
  }
}

const BYTE_ORDER_MARK = '\uFEFF';
const [QUOTE, BACKSLASH, OPEN_ARRAY, OPEN_OBJECT, CLOSE_ARRAY, CLOSE_OBJECT] = ['"', '\\', '[', '{', ']', '}'].map((c) => c.charCodeAt(0));

/**
 * Whether JSON text opens more than `limit` arrays or objects within each other (outside strings),
 * checked before parsing: a deep enough line would exhaust the stack of the parser or the
 * validation. One pass over the characters, stopping at the first level beyond the limit.
 */
function nestedDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) depth--;
  }
  return false;
}

/** The id of a line that failed validation, when one can be read, for the report. */
function idOf(text: string): string | undefined {
  const match = /"id"\s*:\s*"([^"]{1,200})"/.exec(text);
  return match?.[1];
}
