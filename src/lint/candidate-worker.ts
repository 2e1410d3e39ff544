/**
 * The thread `startCandidateLinter` starts: Babel and the rules load now,
 * candidates come later. It also reads whole batches of the tree when the
 * main thread hands it some (large trees): their candidates are linted here,
 * so their text never crosses threads.
 */
import { parentPort } from 'node:worker_threads';
import type { RuleLevel } from '../rules/types.js';
import { lintText } from './lint-text.js';
import type { BatchOutcome, BatchReply, BatchRequest, CandidateReply, CandidateRequest, ConfigMessage } from './candidate-linter.js';
import { createCrossFileResolver } from '../engine/resolver.js';
import { readLintable } from './read-lintable.js';

// The run's settings arrive as the first message (the thread may start before the command line is parsed).
let ruleLevels: Record<string, RuleLevel> | undefined;
let reportUnusedDisableDirectives: 'off' | 'warn' | 'error' | undefined;
let directives = false;
const resolver = createCrossFileResolver();

// lintText never throws; a file too deep even for this stack comes back as its fatal message.
const lint = (file: string, text: string) => lintText(text, file, { ruleLevels, reportUnusedDisableDirectives, resolver });

function readAndLint(file: string): BatchOutcome {
  const read = readLintable(file, directives);
  if ('skipped' in read) return read;
  if (!read.text) return null;
  const { messages, suppressedMessages } = lint(file, read.text);
  if (messages.length === 0 && suppressedMessages.length === 0) return null;
  return { messages, suppressedMessages, source: read.text };
}

parentPort!.on('message', (req: ConfigMessage | CandidateRequest | BatchRequest) => {
  if ('config' in req) {
    ({ ruleLevels, reportUnusedDisableDirectives } = req.config);
    directives = (reportUnusedDisableDirectives ?? 'off') !== 'off';
    return;
  }
  if ('files' in req) {
    parentPort!.postMessage({ id: req.id, outcomes: req.files.map(readAndLint) } satisfies BatchReply);
    return;
  }
  const { messages, suppressedMessages } = lint(req.file, req.text);
  parentPort!.postMessage({ id: req.id, messages, suppressedMessages } satisfies CandidateReply);
});
