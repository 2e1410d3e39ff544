/** The thread `startCandidateLinter` starts: Babel and the rules load now, candidates come later. */
import { parentPort, workerData } from 'node:worker_threads';
import type { RuleLevel } from '../rules/types.js';
import { lintText } from './lint-text.js';
import type { CandidateReply, CandidateRequest } from './candidate-linter.js';
import { createCrossFileResolver } from '../engine/resolver.js';

const { ruleLevels, reportUnusedDisableDirectives } = workerData as { ruleLevels?: Record<string, RuleLevel>; reportUnusedDisableDirectives?: 'off' | 'warn' | 'error' };
const resolver = createCrossFileResolver();

parentPort!.on('message', (req: CandidateRequest) => {
  // lintText never throws; a file too deep even for this stack comes back as its fatal message.
  const { messages, suppressedMessages } = lintText(req.text, req.file, { ruleLevels, reportUnusedDisableDirectives, resolver });
  parentPort!.postMessage({ id: req.id, messages, suppressedMessages } satisfies CandidateReply);
});
