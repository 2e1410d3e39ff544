/**
 * Result images, kept until their TTL: in memory up to a byte cap, spilled
 * to a temporary directory beyond it. Ids are unguessable.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Entry {
  expiresAt: number;
  size: number;
  memory?: Buffer;
  file?: string;
}

export interface ResultStoreOptions {
  /** Bytes kept in memory before spilling to disk (default 256 MB). */
  memoryCapBytes?: number;
  now?: () => number;
}

export class ResultStore {
  private readonly entries = new Map<string, Entry>();
  private memoryBytes = 0;
  private spillDir: string | undefined;
  private readonly cap: number;
  private readonly now: () => number;

  constructor(options: ResultStoreOptions = {}) {
    this.cap = options.memoryCapBytes ?? 256 * 1024 * 1024;
    this.now = options.now ?? Date.now;
  }

  /** Stores a PNG and returns its id (`<random>.png`). */
  put(png: Buffer, ttlSeconds: number): string {
    this.sweep();
    const id = `${randomBytes(24).toString('base64url')}.png`;
    const entry: Entry = { expiresAt: this.now() + ttlSeconds * 1000, size: png.length };
    if (this.memoryBytes + png.length <= this.cap) {
      entry.memory = png;
      this.memoryBytes += png.length;
    } else {
      this.spillDir ??= mkdtempSync(join(tmpdir(), 'novita-migrate-shim-'));
      entry.file = join(this.spillDir, id);
      writeFileSync(entry.file, png);
    }
    this.entries.set(id, entry);
    return id;
  }

  get(id: string): Buffer | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.remove(id, entry);
      return undefined;
    }
    if (entry.memory) return entry.memory;
    try {
      return readFileSync(entry.file!);
    } catch {
      return undefined;
    }
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /** Where the bytes are (for tests and stats). */
  location(id: string): 'memory' | 'disk' | undefined {
    const e = this.entries.get(id);
    return e ? (e.memory ? 'memory' : 'disk') : undefined;
  }

  get bytesInMemory(): number {
    return this.memoryBytes;
  }

  sweep(): void {
    const now = this.now();
    for (const [id, entry] of this.entries) if (entry.expiresAt <= now) this.remove(id, entry);
  }

  private remove(id: string, entry: Entry): void {
    this.entries.delete(id);
    if (entry.memory) this.memoryBytes -= entry.size;
    if (entry.file) {
      try {
        unlinkSync(entry.file);
      } catch {
        // already gone
      }
    }
  }

  close(): void {
    this.entries.clear();
    this.memoryBytes = 0;
    if (this.spillDir) rmSync(this.spillDir, { recursive: true, force: true });
    this.spillDir = undefined;
  }
}
