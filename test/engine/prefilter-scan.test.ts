/**
 * Files read from disk are prefiltered by a SIMD kernel in the scan area;
 * text (stdin, the ESLint plugin) by a regex. Both must decide alike, for
 * every fixture and for the words at every offset of a 16-byte block,
 * next to the end of the file and straddling it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allFiles, FIXTURES } from './fixture-files.js';
import { mayContainV2Call, mayContainV2CallInScanArea } from '../../src/engine/prefilter.js';
import { scanArea, scanAreaHasNul } from '../../src/engine/prefilter-scan.js';


/** As readLintable does: the bytes read into the scan area, then the kernel. */
function viaScanArea(bytes: Buffer): boolean {
  const area = scanArea(bytes.length);
  bytes.copy(area);
  return mayContainV2CallInScanArea(area, bytes.length);
}

describe('the scan area decides as the text prefilter does', () => {
  it('on every fixture file', () => {
    const files = allFiles(FIXTURES);
    let candidates = 0;
    for (const file of files) {
      const bytes = readFileSync(file);
      const expected = mayContainV2Call(bytes.toString('latin1'));
      if (expected) candidates++;
      expect(viaScanArea(bytes), file).toBe(expected);
    }
    expect(candidates).toBeGreaterThan(50);
    expect(candidates).toBeLessThan(files.length);
  });

  it('for each word at every offset, at the end, cut off by the end, and after a longer file', () => {
    const words = ['pscale', 'PSCALE', 'rogress', 'ROGRESS', 'task-result'];
    const nearMisses = ['pscal', 'Pscale', 'rogres', 'rOGRESS', 'task-resul', 'task_result', 'p scale'];
    for (const word of words) {
      for (let pad = 0; pad < 40; pad++) {
        const text = `${'x'.repeat(pad)}${word} import`;
        expect(viaScanArea(Buffer.from(text)), text).toBe(true);
        // The word last in the file.
        expect(viaScanArea(Buffer.from(`import ${'x'.repeat(pad)}${word}`)), `${pad} ${word} at the end`).toBe(true);
        // Cut by the end of the file: its tail sits in the slack, which must not complete it.
        expect(viaScanArea(Buffer.from(`import ${'x'.repeat(pad)}${word.slice(0, -1)}`)), `${pad} ${word} cut`).toBe(false);
      }
    }
    for (const miss of nearMisses) expect(viaScanArea(Buffer.from(`import x from '${miss}'`)), miss).toBe(false);
    // A long file with a word near its end, then a short file: the bytes left behind are not read.
    expect(viaScanArea(Buffer.from(`import ${'y'.repeat(5000)} upscale`))).toBe(true);
    expect(viaScanArea(Buffer.from('import a'))).toBe(false);
    // Bigger than the area: it grows and keeps deciding.
    expect(viaScanArea(Buffer.from(`import ${'z'.repeat(700 * 1024)} /v2/progress`))).toBe(true);
  });

  it('needs a context word as well, as the text prefilter does', () => {
    expect(viaScanArea(Buffer.from('const upscale = 1;'))).toBe(false);
    expect(viaScanArea(Buffer.from("const upscale = require('x');"))).toBe(true);
  });
});

describe('the binary test (a NUL in the first 8000 bytes, as git decides)', () => {
  const nul = (bytes: Buffer): boolean => {
    const area = scanArea(bytes.length);
    bytes.copy(area);
    return scanAreaHasNul(bytes.length);
  };
  it('finds a NUL at every offset of the first 8000 bytes, and none after them or past the end', () => {
    for (const at of [0, 1, 15, 16, 17, 31, 4095, 7983, 7999]) {
      const b = Buffer.alloc(9000, 0x61);
      b[at] = 0;
      expect(nul(b), String(at)).toBe(true);
    }
    const late = Buffer.alloc(9000, 0x61);
    late[8000] = 0;
    expect(nul(late)).toBe(false);
    // A short text: the zeroed slack after it is not part of the file.
    for (let n = 0; n < 40; n++) expect(nul(Buffer.alloc(n, 0x61)), String(n)).toBe(false);
  });
});
