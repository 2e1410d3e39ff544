/**
 * Run a CommonJS bundle with a V8 code cache, as `v8-compile-cache` did for
 * ESLint and Yarn and Node 22's `module.enableCompileCache()` does (Node 20
 * has no built-in one). The candidate thread compiles ~1.8 MB of Babel and
 * engine code on every lint run, on a small tree's critical path; with the
 * cache V8 deserializes the bytecode instead.
 *
 * The cache lives where build tools keep theirs, `node_modules/.cache/<tool>`
 * of the nearest directory with a `node_modules` (only who can write the
 * code there can write it). Its name carries the bundle's size and mtime and
 * the Node version; V8 checks its own version and flags on top, and a cache
 * it rejects is rewritten. V8 release builds do not checksum a cache's
 * body, so the file carries a CRC-32 of it: a torn or damaged file is never
 * handed to V8. Any failure to read or write it only costs time.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { crc32 } from 'node:zlib';

export const CODE_CACHE_DIR_NAME = 'novita-migrate';

export type CodeCacheState = 'used' | 'absent' | 'rejected' | 'off';

export interface CachedRun {
  state: CodeCacheState;
  /** Write the cache now (functions compiled so far are in it); a no-op when it was used or there is no place for it. */
  persist(): void;
}

/** `<nearest dir with node_modules>/node_modules/.cache/novita-migrate`, or undefined. */
export function codeCacheDir(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules'))) return join(dir, 'node_modules', '.cache', CODE_CACHE_DIR_NAME);
    if (dirname(dir) === dir) return undefined;
  }
}

/** Run `file` (CommonJS) as a module would, with its code cache in `cacheDir` (undefined: no cache). */
export function runWithCodeCache(file: string, cacheDir: string | undefined): CachedRun {
  const source = readFileSync(file, 'utf8');
  const stem = basename(file).replace(/\.c?js$/, '');
  const { size, mtimeMs } = statSync(file);
  const cacheFile = cacheDir && join(cacheDir, `${stem}-${size}-${Math.trunc(mtimeMs)}-${process.version}-${process.arch}.v8`);
  let cachedData: Buffer | undefined;
  let damaged = false;
  try {
    if (cacheFile) {
      const stored = readFileSync(cacheFile);
      const body = stored.subarray(4);
      if (stored.length > 4 && stored.readUInt32LE(0) === crc32(body)) cachedData = body;
      else damaged = true;
    }
  } catch {
    // Absent or unreadable: compiled from source, written later.
  }
  // The CommonJS wrapper, so the bundle sees its own require, module and __filename.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const state: CodeCacheState = !cacheFile ? 'off' : damaged || script.cachedDataRejected ? 'rejected' : !cachedData ? 'absent' : 'used';
  const module = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  let persisted = state === 'used' || state === 'off';
  return {
    state,
    persist() {
      if (persisted || !cacheFile || !cacheDir) return;
      persisted = true;
      try {
        mkdirSync(cacheDir, { recursive: true });
        // Older caches of this bundle (another build, another Node) go; the new one appears whole (rename).
        for (const old of readdirSync(cacheDir)) {
          if (old.startsWith(`${stem}-`) && old.endsWith('.v8') && join(cacheDir, old) !== cacheFile) rmSync(join(cacheDir, old), { force: true });
        }
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        const body = script.createCachedData();
        const header = Buffer.alloc(4);
        header.writeUInt32LE(crc32(body));
        writeFileSync(tmp, Buffer.concat([header, body]));
        renameSync(tmp, cacheFile);
      } catch {
        // A read-only or vanished directory: the next run compiles again.
      }
    },
  };
}
