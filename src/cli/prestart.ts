/**
 * Imported first by bin.ts, so it runs before yargs and the commands load:
 * a plain lint run (not `fix`, `shim`, `rules`, `--stdin`, a worker pool or
 * help) tunes V8 for a short run and gets its candidate thread spawned now,
 * and Babel loads meanwhile.
 */
import { prestartCandidateThread } from '../lint/candidate-linter.js';
import { tuneTieringForShortRun } from './short-run-tiering.js';

const args = process.argv.slice(2);
const command = args.find((a) => !a.startsWith('-'));
const elsewhere = /^(?:--stdin|--help|-h|--version|--concurrency|--fix)(?:=|$)/;
if (!['fix', 'shim', 'rules'].includes(command ?? '') && !args.some((a) => elsewhere.test(a))) {
  tuneTieringForShortRun();
  prestartCandidateThread();
}
