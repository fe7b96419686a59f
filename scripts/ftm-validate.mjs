#!/usr/bin/env node
// Checks a FollowTheMoney export with the real followthemoney library (PyPI), as FtM tools will read
// it: `npm run ftm:validate -- FILE`. Installs the library once into a virtual environment
// (.data/ftm-venv; Python 3 with venv and access to PyPI needed), runs `ftm validate`, and compares
// what comes out with what went in: entities dropped, property values stripped (an id FtM refuses
// takes every reference to it), references to entities not in the file. Prints a JSON summary;
// exit 0 when the file passes whole, 1 when something was lost, 2 when the library cannot be had.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VENV = path.join(ROOT, '.data', 'ftm-venv');
/** The library version the export is checked against (4.11, the current line on PyPI). */
const FTM_REQUIREMENT = 'followthemoney>=4.11,<4.12';
const BIN = path.join(VENV, 'bin');

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
  if (result.error) return { status: 127, stdout: '', stderr: String(result.error.message) };
  return { status: result.status ?? 1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

function fail(message) {
  process.stderr.write(`ftm:validate: ${message}\n`);
  process.exit(2);
}

export function ensureLibrary() {
  if (existsSync(path.join(BIN, 'ftm'))) return;
  mkdirSync(path.dirname(VENV), { recursive: true });
  const venv = run('python3', ['-m', 'venv', VENV]);
  if (venv.status !== 0) fail(`cannot create a Python virtual environment at ${VENV} (python3 -m venv): ${venv.stderr.trim()}`);
  const pip = run(path.join(BIN, 'pip'), ['install', '--quiet', '--disable-pip-version-check', FTM_REQUIREMENT]);
  if (pip.status !== 0) fail(`cannot install ${FTM_REQUIREMENT} from PyPI: ${pip.stderr.trim().split('\n').slice(-3).join(' ')}`);
}

/** Compares the input with `ftm validate`'s output, in Python with the library's own model. */
const CHECK = `
import json, sys
from followthemoney import model
source, validated = sys.argv[1], sys.argv[2]
before = [json.loads(line) for line in open(source, encoding='utf-8') if line.strip()]
after = {}
for line in open(validated, encoding='utf-8'):
    if line.strip():
        entity = json.loads(line)
        after[entity['id']] = entity
ids = set(after)
dropped, stripped, dangling = [], [], []
for entity in before:
    out = after.get(entity['id'])
    if out is None:
        dropped.append({'id': entity['id'], 'schema': entity['schema']})
        continue
    for name, values in entity.get('properties', {}).items():
        kept = out.get('properties', {}).get(name, [])
        if len(kept) < len(values):
            stripped.append({'id': entity['id'], 'schema': entity['schema'], 'property': name, 'before': values, 'after': kept})
    schema = model.get(out['schema'])
    for name, values in out.get('properties', {}).items():
        prop = schema.get(name) if schema else None
        if prop is not None and prop.type.name == 'entity':
            for value in values:
                if value not in ids:
                    dangling.append({'id': entity['id'], 'property': name, 'to': value})
print(json.dumps({'entities': len(before), 'validated': len(after), 'dropped': dropped, 'stripped': stripped, 'dangling': dangling}))
`;

export function validateFile(file) {
  ensureLibrary();
  const out = `${file}.validated.jsonl`;
  const validate = run(path.join(BIN, 'ftm'), ['validate', '-i', file, '-o', out]);
  if (validate.status !== 0) return { entities: 0, validated: 0, dropped: [], stripped: [], dangling: [], error: validate.stderr.trim().split('\n').slice(-3).join(' ') };
  const check = run(path.join(BIN, 'python'), ['-c', CHECK, file, out]);
  if (check.status !== 0) fail(`the comparison failed: ${check.stderr.trim()}`);
  return JSON.parse(check.stdout);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) fail('usage: npm run ftm:validate -- FILE.ftm.jsonl   (or --install: only install the library)');
  if (file === '--install') {
    ensureLibrary();
    process.exit(0);
  }
  const summary = validateFile(path.resolve(file));
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  process.exit(summary.error || summary.dropped.length + summary.stripped.length + summary.dangling.length > 0 ? 1 : 0);
}
