/**
 * Writes the spec-generated tables into README.md between their markers.
 * Run with `npx tsx`-free Node: `node --experimental-strip-types` is not on Node 20,
 * so this runs from the build: `node dist/scripts/render-readme-tables.js`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { renderMappingTable, renderUpscalerTable } from '../src/spec/mapping-table.js';

export function replaceBetween(text: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`README has no ${name} markers`);
  return `${text.slice(0, i + start.length)}\n${body}\n${text.slice(j)}`;
}

export function renderReadme(text: string): string {
  return replaceBetween(replaceBetween(text, 'mapping', renderMappingTable()), 'upscalers', renderUpscalerTable());
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const path = new URL('../../README.md', import.meta.url);
  writeFileSync(path, renderReadme(readFileSync(path, 'utf8')));
}
