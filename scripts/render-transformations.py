#!/usr/bin/env python3
"""Regenerates TRANSFORMATIONS.md from __fixtures__/fix (test/fix/transformations-doc.test.ts keeps them equal)."""
import os

ROOT = os.path.join(os.path.dirname(__file__), '..')
F = os.path.join(ROOT, '__fixtures__', 'fix')
TITLES = {
    'flow-closed-v3': 'a whole task flow in one function (submit, task id, poll, status, images, error check): plain V3, every part',
    'format-double-tabs-nosemi': 'a closed flow in double quotes, tabs, no semicolons: plain V3, the file\'s style kept',
    'flow-closed-shim': 'a whole flow V3 cannot express (face restoration): submit AND poll through the shim runtime together',
    'flow-linked-v3': 'a flow split over private helpers of one module (`submit` returns the id, only `waitFor` receives it): linked as one closed flow, plain V3',
    'flow-linked-exported-poller': 'near miss: the same helpers with the poller exported (other modules may hand it any V2 task id): open, the shim',
    'flow-linked-param-poller': 'near miss: the private poller also called with an id from a parameter: open, the shim',
    'flow-linked-id-escapes': 'near miss: the caller also logs and returns the task id: open, the shim',
    'fetch-plain': 'fetch submits whose task id leaves the function: the shim (`upscaleV2`), never V3 (its polls may be anywhere)',
    'axios-progress': 'a shared poller `waitFor(taskId)`: its ids may be any V2 task\'s (txt2img too), so the shim (which passes foreign ids on to V2), never V3',
    'sdk': 'novita-sdk 1.x: the instance wrapped with `withNovitaV2Shim`, functional imports from `novita-migrate-shim/novita-sdk`',
    'xhr-plain': 'XMLHttpRequest (browser code): untouched, with a TODO pointing at `shim serve`',
    'wrapper-cjs': 'a custom `{ url, data }` wrapper (CommonJS): its own client call is routed (`withV2Shim(fetch)`), require style kept',
    'fetch-shim': 'fetch with face restoration: routed to the shim (`upscaleV2`)',
    'axios-shim': 'axios with resize-to-size / a local upscaler: the shim adapter',
    'built-up-body': 'a body built over statements with a conditional scale: the shim (never a guess)',
    'unknown-spread': 'a spread of an unknown object: the shim',
    'cross-file-constant': 'a URL constant from another module: the shim',
    'got-ky-superagent-todo': 'got, ky, superagent: their own hooks (`request: gotV2Request`, `fetch: upscaleV2`, `.use(superagentV2)`)',
    'sdk-enum-closed-flow': 'novita-sdk 1.x, a closed flow with the `Upscalers` enum: `upscaleV3` / `progressV3`, reads moved',
    'look-alikes': 'other services\' `/mj/v2/upscale`, `/midjourney/v2/upscale`, `/api/v2/progress?courseId=` under unknown bases: untouched',
    'flow-open-blocked': 'a submit whose id leaves, in a project where some poll stays V2: untouched, with a TODO naming where',
    'flow-poll-other-task': 'a poll of a V2 txt2img task: nothing to migrate it to, so untouched with a TODO, and it does not hold back an upscale\'s shim route',
    'stock-jscodeshift-open': 'stock jscodeshift, one file at a time: an open submit stays (TODO), its open poll goes through the shim',
    'comment-mode': '`--unsupported=comment`: the call stays, with a TODO naming each blocker',
    'format-shebang-cr': 'formatting: a shebang, a directive and CR-only line endings kept byte for byte',
    'format-crlf': 'formatting: CRLF kept',
    'format-bom': 'formatting: a BOM kept',
    'response-bracket-access': 'never a half-migration: a response read with bracket access (`json["data"]["task_id"]`) is not followed, so submit and poll both go to the shim, never V3',
    'response-satisfies': 'never a half-migration: a response read through `satisfies`: the whole closed flow goes to the shim',
    'response-optional-chain': 'never a half-migration: responses read through optional chains (`json?.data?.task_id`): the whole closed flow goes to the shim',
    'response-yield-generator': 'never a half-migration: compiled ES5 `__awaiter` / `__generator` code whose task id is a `var` set in a later state: submit and poll both go to the shim (CommonJS: `require`)',
    'disable-next-line': '`// novita-migrate-disable-next-line` on both calls of a flow: they stay byte for byte, with no TODO; the other flow moves to V3',
    'disable-part-of-flow': 'only the submit of a flow disabled: a flow moves whole, so its poll stays V2 with a TODO saying why',
    'optional-call-todo': 'an optional call (`(fetchImpl ?? fetch)?.(…)`) stays V2 with a TODO; the poll of its id goes through the shim, which passes ids it did not issue on to V2',
    'sdk-vendored': 'novita-sdk 1.x imported by a relative path (vendored, or re-exported): the same V3 rewrite as the package',
    'compiled-awaiter-v3': 'compiled code (tsc, ES2015: `__awaiter` over a generator): reads are followed through `yield`, and the closed flow moves to V3 whole',
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
