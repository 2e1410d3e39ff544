#!/usr/bin/env python3
"""Regenerates TRANSFORMATIONS.md from __fixtures__/fix (test/fix/transformations-doc.test.ts keeps them equal)."""
import os

ROOT = os.path.join(os.path.dirname(__file__), '..')
F = os.path.join(ROOT, '__fixtures__', 'fix')
TITLES = {
    'fetch-plain': 'fetch, exactly expressible: plain V3 (URL, body, reads, `code`/`msg` checks; `img_expire_ttl` dropped)',
    'axios-progress': 'axios progress polling: task-result URL, status comparisons, images, reason',
    'sdk': 'novita-sdk 1.x: `upscale` -> `upscaleV3`, `progress` -> `progressV3`; `upscaleSync` -> TODO',
    'xhr-plain': 'XMLHttpRequest: plain V3, with a TODO for reads of `xhr.responseText`',
    'wrapper-cjs': 'a custom `{ url, data }` wrapper (CommonJS): plain V3; an out-of-range fetch goes to the shim (require style kept)',
    'fetch-shim': 'fetch with face restoration: routed to the shim (`upscaleV2`)',
    'axios-shim': 'axios with resize-to-size / a local upscaler: the shim adapter',
    'built-up-body': 'a body built over statements with a conditional scale: the shim (never a guess)',
    'unknown-spread': 'a spread of an unknown object: the shim',
    'cross-file-constant': 'a URL constant from another module: the shim (change the constant by hand to go plain V3)',
    'got-ky-superagent-todo': 'got, ky, superagent needing the shim: a precise TODO (no drop-in route)',
    'comment-mode': '`--unsupported=comment`: the call stays, with a TODO naming each blocker',
    'format-double-tabs-nosemi': 'formatting: double quotes and tabs kept',
    'format-crlf': 'formatting: CRLF kept',
    'format-bom': 'formatting: a BOM kept',
}
out = ['# TRANSFORMATIONS', '', 'What `novita-migrate fix` (the `transforms/upscale-v2-to-v3` jscodeshift transform) does to each kind of call, shown with the test fixtures it is checked against (`__fixtures__/fix/<case>/input.*` -> `output.*`; a test keeps this file equal to them; regenerate with `python3 scripts/render-transformations.py`).', '']
for case in TITLES:
    d = os.path.join(F, case)
    inp = [f for f in os.listdir(d) if f.startswith('input.')][0]
    lang = {'ts': 'ts', 'tsx': 'tsx', 'js': 'js', 'cjs': 'js', 'mjs': 'js'}[inp.split('.', 1)[1]]
    opts = os.path.join(d, 'options.json')
    out += [f'## {TITLES[case]}', '', f'`__fixtures__/fix/{case}`' + (f' (options: `{open(opts).read().strip()}`)' if os.path.exists(opts) else ''), '']
    for label, name in (('Before', inp), ('After', inp.replace('input', 'output'))):
        text = open(os.path.join(d, name), encoding='utf-8-sig', newline='').read().replace('\r\n', '\n')
        out += [f'{label}:', '', f'```{lang}', text.rstrip('\n'), '```', '']
open(os.path.join(ROOT, 'TRANSFORMATIONS.md'), 'w').write('\n'.join(out))
