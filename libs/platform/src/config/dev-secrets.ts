import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reads a development secret from <dataDir>/secrets/<name>, generating it once (mode 0600).
 * Concurrent first starts (API and worker) must agree on one value: the file is written under a
 * temporary name and hard-linked into place, which fails if another process won the race.
 */
export function readOrGenerateDevSecret(dataDir: string, name: string): string {
  const dir = join(dataDir, 'secrets');
  const path = join(dir, name);
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, randomBytes(32).toString('base64url') + '\n', { mode: 0o600 });
    try {
      linkSync(temporary, path);
    } catch {
      // another process generated it first: use theirs
    } finally {
      unlinkSync(temporary);
    }
    return readFileSync(path, 'utf8').trim();
  }
}
