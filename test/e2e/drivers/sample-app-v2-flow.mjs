/**
 * The sample app's own V2 flow, from a prepared app copy: submit with
 * upscaleProductPhoto (global fetch), poll with pollProgress (axios, through
 * `../config`), download imgs[0]. argv[2]: app copy dir; argv[3]: input PNG, base64.
 * Outcome: { taskId, imgs, width, height }.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { drive, pngSize } from './kit.mjs';

const [appDir, image] = process.argv.slice(2);
const load = (file) => import(pathToFileURL(join(appDir, file)).href);

drive(async () => {
  const { upscaleProductPhoto } = await load('src/api/upscale-fetch.js');
  const { pollProgress } = await load('src/api/axios-client.js');
  const taskId = await upscaleProductPhoto(image);
  const imgs = await pollProgress(taskId);
  const png = Buffer.from(await (await fetch(imgs[0])).arrayBuffer());
  return { taskId, imgs, ...pngSize(png) };
});
