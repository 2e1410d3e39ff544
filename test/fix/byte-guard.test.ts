import { describe, expect, it } from 'vitest';
import { changesOutsideEdits } from '../../src/fix/byte-guard.js';

describe('the byte guard fix runs before writing', () => {
  const before = '#!/usr/bin/env node\n"use strict";\nconst a = fetch(x);\n// keep me\n';

  it('lets edits inside the edited statements and inserted lines through', () => {
    expect(changesOutsideEdits(before, before.replace('fetch(x)', 'upscaleV2(x)'), [[3, 3]])).toBeUndefined();
    expect(changesOutsideEdits(before, before.replace('"use strict";\n', '"use strict";\nimport { upscaleV2 } from "m";\n'), [])).toBeUndefined();
  });

  it('names the first original line changed outside them (a glued shebang, a doubled directive, a lost comment)', () => {
    expect(changesOutsideEdits(before, before.replace('node\n"use strict"', 'node"use strict"'), [[3, 3]])).toBe(1);
    expect(changesOutsideEdits(before, before.replace('"use strict";', '"use strict";;'), [[3, 3]])).toBe(2);
    expect(changesOutsideEdits(before, before.replace('// keep me\n', ''), [[3, 3]])).toBe(4);
  });
});
