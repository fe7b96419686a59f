import { stat } from 'node:fs/promises';

/** True if a process with this pid exists (EPERM: it exists, but belongs to another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True if something is at this path. */
export async function exists(file: string): Promise<boolean> {
  return stat(file).then(() => true, () => false);
}
