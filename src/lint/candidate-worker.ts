/**
 * The thread `startCandidateLinter` starts: Babel and the rules load now,
 * candidates come later. It also reads whole batches of the tree when the
 * main thread hands it some (large trees), as a pool worker does: their
 * candidates are linted here, so their text never crosses threads.
 */
import { parentPort } from 'node:worker_threads';
import type { RuleLevel } from '../rules/types.js';
import { lintText } from './lint-text.js';
import type { BatchReply, BatchRequest, CandidateReply, CandidateRequest, ConfigMessage } from './candidate-linter.js';
import { createCrossFileResolver } from '../engine/resolver.js';
import { readAndLintFiles } from './read-and-lint.js';

// The run's settings arrive as the first message (the thread may start before the command line is parsed).
let ruleLevels: Record<string, RuleLevel> | undefined;
let reportUnusedDisableDirectives: 'off' | 'warn' | 'error' | undefined;
const resolver = createCrossFileResolver();

// lintText never throws; a file too deep even for this stack comes back as its fatal message.
const lint = (file: string, text: string) => lintText(text, file, { ruleLevels, reportUnusedDisableDirectives, resolver });

parentPort!.on('message', (req: ConfigMessage | CandidateRequest | BatchRequest) => {
  if ('config' in req) {
    ({ ruleLevels, reportUnusedDisableDirectives } = req.config);
    return;
  }
  if ('files' in req) {
    const { id } = req;
    void readAndLintFiles(req.files, { lintText, resolver, ruleLevels, reportUnusedDisableDirectives }).then((outcomes) => parentPort!.postMessage({ id, outcomes } satisfies BatchReply));
    return;
  }
  const { messages, suppressedMessages } = lint(req.file, req.text);
  parentPort!.postMessage({ id: req.id, messages, suppressedMessages } satisfies CandidateReply);
});
