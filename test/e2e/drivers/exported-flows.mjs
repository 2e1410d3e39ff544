/**
 * Calls exported flow functions of app modules (`file#export`, relative to the
 * working directory) with one image, and reports per flow the size of the
 * first result image it returns, downloaded with fetch.
 * argv[2]: input PNG (base64); argv[3..]: `file#export` specs.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { drive, pngSize } from './kit.mjs';

const [image, ...specs] = process.argv.slice(2);

drive(async () => {
  const outcome = {};
  for (const spec of specs) {
    const [file, name] = spec.split('#');
    try {
      const mod = await import(pathToFileURL(join(process.cwd(), file)).href);
      const urls = await mod[name](image);
      const res = await fetch(urls[0]);
      if (!res.ok) throw new Error(`download: HTTP ${res.status}`);
      outcome[spec] = { ok: true, ...pngSize(Buffer.from(await res.arrayBuffer())) };
    } catch (err) {
      outcome[spec] = { ok: false, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
    }
  }
  return outcome;
});
