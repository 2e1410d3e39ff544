/**
 * The execution harness: run app code unmodified, with the real client
 * libraries, against a local Novita.
 *
 *   const fake = await startFakeNovita({ v2Reference: true });   // HTTPS on 127.0.0.1:<port>
 *   const app = prepareAppCopy('__fixtures__/sample-app');        // runnable JS copy (rm it after)
 *   const run = await runDriver({ cwd: app, driver, args, fake }); // child: node --import preload.mjs driver
 *   run.result;                                                   // the driver's last JSON line
 *   fake.requests;                                                // { method, host, servername, path, query, status }[]
 *   await fake.close();
 *
 * Drivers are .mjs files that import app modules, run one flow and print one
 * JSON line (test/e2e/drivers/kit.mjs: drive, report, pngSize).
 */
export { startFakeNovita, NOVITA_HOSTS, type FakeNovita, type FakeNovitaOptions, type FakeNovitaRequest, type SeededV2Task } from './fake-novita.js';
export { runDriver, PRELOAD_FILE, type DriverRun, type RunDriverOptions } from './run-in-child.js';
export { prepareAppCopy, type AppCopyOptions } from './app-copy.js';
