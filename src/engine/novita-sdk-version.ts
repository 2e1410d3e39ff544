/**
 * Which novita-sdk line a file's project uses. Only 1.x speaks V2: 3.x has
 * no upscale method and its `progress` calls V3 (API.md), so 3.x code is not
 * V2 code. The installed copy wins over the declared range; with neither
 * known, 1.x is assumed (the SDK's V2-era default).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const cache = new Map<string, boolean>();

function majorOf(range: string | undefined): number | undefined {
  const m = range ? /(\d+)(?:\.\d+)*/.exec(range) : null;
  return m ? Number(m[1]) : undefined;
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function declared(pkg: Record<string, unknown>): string | undefined {
  for (const key of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const deps = pkg[key] as Record<string, string> | undefined;
    if (deps && typeof deps['novita-sdk'] === 'string') return deps['novita-sdk'];
  }
  return undefined;
}

export function novitaSdkSpeaksV2(filePath: string): boolean {
  const start = dirname(filePath);
  const cached = cache.get(start);
  if (cached !== undefined) return cached;
  let dir = start;
  let answer = true;
  for (;;) {
    const installed = join(dir, 'node_modules', 'novita-sdk', 'package.json');
    const manifest = join(dir, 'package.json');
    const installedMajor = existsSync(installed) ? majorOf(readJson(installed)?.version as string | undefined) : undefined;
    const pkg = existsSync(manifest) ? readJson(manifest) : undefined;
    const declaredMajor = pkg ? majorOf(declared(pkg)) : undefined;
    const major = installedMajor ?? declaredMajor;
    if (major !== undefined) {
      answer = major < 2;
      break;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  cache.set(start, answer);
  return answer;
}
