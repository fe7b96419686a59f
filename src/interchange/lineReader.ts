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

  read(text: string, line: number): LineReading {
    try {
      if (text.length > MAX_LINE_LENGTH) throw new Error(`line is longer than ${MAX_LINE_LENGTH} characters`);
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

/** The id of a line that failed validation, when one can be read, for the report. */
function idOf(text: string): string | undefined {
  const match = /"id"\s*:\s*"([^"]{1,200})"/.exec(text);
  return match?.[1];
}
