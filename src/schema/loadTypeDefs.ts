import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, type DocumentNode } from 'graphql';
import { projectRoot } from '../config/index.js';

/** The SDL files of schema/, the source of truth that codegen also reads. */
export const SCHEMA_DIR = path.join(projectRoot, 'schema');

export function loadTypeDefs(dir = SCHEMA_DIR): DocumentNode[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => parse(readFileSync(path.join(dir, file), 'utf8'), { noLocation: true }));
}
