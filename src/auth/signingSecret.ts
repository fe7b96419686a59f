import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Beside the embedded Neo4j's `.scam-atlas-password`, in the embedded data folder. */
export const SIGNING_SECRET_FILE = '.scam-atlas-jwt-secret';
/** 32 random bytes (256 bits, HS256's strength), 43 base64url characters. */
const SIGNING_SECRET_BYTES = 32;
const OWNER_ONLY = 0o600;

/**
 * The embedded default's token signing secret: generated at first use, kept in the data folder
 * readable by its owner only, and the same on every later start, so tokens minted by `npm run
 * token` stay valid across restarts. Whoever can read the file can mint any role: it is as
 * sensitive as the Neo4j password beside it.
 */
export async function loadOrCreateSigningSecret(dataDir: string): Promise<string> {
  const file = path.join(dataDir, SIGNING_SECRET_FILE);
  const existing = await readSecret(file);
  if (existing) return existing;
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(SIGNING_SECRET_BYTES).toString('base64url');
  // Written whole to a file of our own, then linked into place: link() fails if the name exists, so
  // when the API and `npm run token` start at once one secret wins, and nobody reads a half-written file.
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(draft, `${secret}\n`, { mode: OWNER_ONLY, flag: 'wx' });
  try {
    await link(draft, file);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const written = await readSecret(file);
    if (!written) throw new Error(`${file} exists but is empty; delete it to generate a new signing secret.`, { cause: error });
    return written;
  } finally {
    await rm(draft, { force: true });
  }
}

async function readSecret(file: string): Promise<string | undefined> {
  try {
    const secret = (await readFile(file, 'utf8')).trim();
    if (!secret) return undefined;
    await chmod(file, OWNER_ONLY); // repair permissions if someone loosened them
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
