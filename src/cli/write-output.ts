import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { UsageError } from './errors.js';

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

/** `--output-file`: missing directories are created (as ESLint does); the file is written whole (temporary file + rename) or not at all. */
export function writeReport(text: string, outputFile: string | undefined): void {
  if (!outputFile) {
    process.stdout.write(text);
    return;
  }
  try {
    mkdirSync(dirname(resolve(outputFile)), { recursive: true });
    writeFileAtomic.sync(outputFile, text);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    throw new UsageError(`cannot write the report to ${outputFile}: ${WHY[code] ?? (err as Error).message}`);
  }
}
