import { describe, expect, it } from 'vitest';
import { openEnvelope } from '../../transforms/helpers/source-envelope.js';

describe('the bytes the printer never touches', () => {
  it('gives unchanged lines their own terminator back in a file with mixed line endings', () => {
    const source = '/* licence\r\n   text */\nconst a = 1;\rconst b = 2;\n';
    const env = openEnvelope(source);
    expect(env.text).toBe('/* licence\n   text */\nconst a = 1;\nconst b = 2;\n');
    const out = env.restore(env.text.replace('const a = 1;', 'const a = 10;\n// added'));
    expect(out).toBe('/* licence\r\n   text */\nconst a = 10;\n// added\nconst b = 2;\n');
  });

  it('keeps a shebang, a BOM and a missing final newline', () => {
    const source = '\uFEFF#!/usr/bin/env node\r\nrun();';
    const env = openEnvelope(source);
    expect(env.text).toBe('///usr/bin/env node\nrun();');
    expect(env.restore(env.text)).toBe(source);
    expect(env.restore(env.text.replace('run();', 'go();'))).toBe('\uFEFF#!/usr/bin/env node\r\ngo();');
  });
});
