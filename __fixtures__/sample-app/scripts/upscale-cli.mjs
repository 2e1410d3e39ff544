#!/usr/bin/env node
// node scripts/upscale-cli.mjs <image.png> <scale>: prints the task id.
import { readFileSync } from 'node:fs';

const [file, scale = '2'] = process.argv.slice(2);
const res = await fetch('https://api.novita.ai/v2/upscale', {
  method: 'POST',
  headers: { Authorization: `Bearer ${process.env.NOVITA_API_KEY}` },
  body: JSON.stringify({ image: readFileSync(file).toString('base64'), upscaler_1: 'Nearest', upscaling_resize: Number(scale) }),
});
const json = await res.json();
console.log(json.data.task_id);
