import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import type writeFileAtomicModule from 'write-file-atomic';
import { UsageError } from '../lint/errors.js';

const WHY: Readonly<Record<string, string>> = {
  ENOENT: 'its directory does not exist',
  ENOTDIR: 'a parent is not a directory',
  EEXIST: 'a parent is not a directory',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
};

/** `--output-file`: written whole (temporary file + rename) or not at all. */
export function writeReport(text: string, outputFile: string | undefined): void {
  if (!outputFile) {
    process.stdout.write(text);
    return;
  }
  try {
    mkdirSync(dirname(resolve(outputFile)), { recursive: true });
    // Loaded only when a report goes to a file.
    (createRequire(import.meta.url)('write-file-atomic') as typeof writeFileAtomicModule).sync(outputFile, text);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    throw new UsageError(`cannot write the report to ${outputFile}: ${WHY[code] ?? (err as Error).message}`);
  }
}
