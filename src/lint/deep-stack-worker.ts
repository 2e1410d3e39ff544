/** The thread `lintOnDeepStack` starts: lint one file, post its messages. */
import { parentPort, workerData } from 'node:worker_threads';
import { lintText } from './lint-text.js';
import type { DeepStackJob, DeepStackReply } from './deep-stack-lint.js';
import { createCrossFileResolver } from '../engine/resolver.js';

const job = workerData as DeepStackJob;
const result = lintText(job.text, job.file, { ruleLevels: job.ruleLevels, reportUnusedDisableDirectives: job.reportUnusedDisableDirectives, resolver: createCrossFileResolver() });
// Still too deep for this stack: the fatal message lintText made says so.
parentPort!.postMessage({ messages: result.messages, suppressedMessages: result.suppressedMessages } satisfies DeepStackReply);
