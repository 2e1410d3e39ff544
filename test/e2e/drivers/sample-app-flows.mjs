/**
 * Runs every task flow of the sample app (original or fixed: same driver,
 * the code runs unmodified) and reports, per flow, what it gave: the size of
 * the first result image, downloaded with the app's own kind of client.
 * argv[2]: input PNG (base64), argv[3]: a seeded V2 txt2img task id.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { drive, pngSize, sleep } from './kit.mjs';

const [image, seededTxt2img] = process.argv.slice(2);
const app = (rel) => import(pathToFileURL(join(process.cwd(), rel)).href);
const requireApp = createRequire(join(process.cwd(), 'package.json'));

async function sizeOf(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`download ${url}: HTTP ${res.status}`);
  return pngSize(Buffer.from(await res.arrayBuffer()));
}

async function until(fn) {
  for (let i = 0; i < 400; i++) {
    const v = await fn();
    if (v && (!Array.isArray(v) || v.length)) return v;
    await sleep(100);
  }
  throw new Error('never finished');
}

drive(async () => {
  const { upscaleAndWait } = await app('src/api/upscale-and-wait.js');
  const { upscaleProductPhoto, upscalePortrait } = await app('src/api/upscale-fetch.js');
  const { upscaleToBanner, pollProgress, legacyRequestStyle } = await app('src/api/axios-client.js');
  const { upscaleWithGot, upscaleWithKy, upscaleWithSuperagent, progressWithUndici } = await app('src/api/other-clients.js');
  const { pollTask } = await app('src/jobs/task-poller.js');
  const { UpscaleWorker, quickUpscale, status } = await app('src/jobs/sdk-worker.js');
  const { waitForResult } = await app('src/legacy/poll.mjs');
  const { upscaleBracketed } = await app('src/flows/bracket-reads.js');
  const { upscaleLatin1 } = await app('src/legacy/latin1.js');
  const http = requireApp('./src/legacy/http.cjs');

  const flows = {
    'closed flow, fetch (upscale-and-wait)': async () => sizeOf((await upscaleAndWait(image))[0]),
    'fetch submit -> axios poller': async () => sizeOf((await pollProgress(await upscaleProductPhoto(image)))[0]),
    'fetch portrait (faces) -> new URL poller': async () => sizeOf((await until(async () => waitForResult(await portraitId)))[0]),
    'axios banner (resize+crop) -> shared poller': async () => sizeOf((await pollTask(await upscaleToBanner(image)))[0]),
    'axios request style (x8) -> undici poller': async () => {
      const res = await legacyRequestStyle(image);
      const id = res.data.data.task_id;
      const imgs = await until(async () => {
        const p = await progressWithUndici(id);
        return p.data.status === 2 ? p.data.imgs : undefined;
      });
      return sizeOf(imgs[0]);
    },
    'got (second upscaler) -> axios poller': async () => sizeOf((await pollProgress(await upscaleWithGot(image)))[0]),
    'ky (Nearest) -> shared poller': async () => sizeOf((await pollTask(await upscaleWithKy(image)))[0]),
    'superagent -> shared poller': async () => {
      const id = await new Promise((resolve, reject) => upscaleWithSuperagent(image, (err, res) => (err ? reject(err) : resolve(res.body.data.task_id))));
      return sizeOf((await pollTask(id))[0]);
    },
    'node-fetch wrapper (CommonJS) -> axios poller': async () => {
      const json = await http.upscale(image, 2);
      return sizeOf((await pollProgress(json.data.task_id))[0]);
    },
    'novita-sdk class submit -> class check': async () => {
      const worker = new UpscaleWorker();
      const id = await worker.submit(image);
      const imgs = await until(() => worker.check(id));
      return { ...(await sizeOf(imgs[0])), failedReason: await status(id) };
    },
    'novita-sdk upscaleSync (Lanczos)': async () => sizeOf((await quickUpscale(image))[0]),
    'bracket reads -> axios poller': async () => sizeOf((await pollProgress(await upscaleBracketed(image)))[0]),
    'Latin-1 file (stays V2) -> shared poller': async () => sizeOf((await pollTask(await upscaleLatin1(image)))[0]),
    'V2 txt2img task -> shared poller': async () => ({ imgs: await pollTask(seededTxt2img) }),
  };
  const portraitId = upscalePortrait(image, { faceFix: true });

  const outcome = {};
  for (const [name, flow] of Object.entries(flows)) {
    try {
      outcome[name] = { ok: true, ...(await flow()) };
    } catch (err) {
      outcome[name] = { ok: false, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
    }
  }
  return outcome;
});
