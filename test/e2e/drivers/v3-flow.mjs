/**
 * One V3 upscale flow per client named in argv[3..] (`name` or `name@base`,
 * base default https://api.novita.ai), one after the other: submit, poll
 * task-result until SUCCEED, download the image. argv[2]: input PNG, base64.
 * Outcome: { flows: [{ client, taskId, statuses, width, height } | { client, error }] }.
 */
import { createRequire } from 'node:module';
import { drive, pngSize } from './kit.mjs';

const require = createRequire(import.meta.url);
const [imageBase64, ...wanted] = process.argv.slice(2);
const key = process.env.NOVITA_API_KEY;
const auth = { Authorization: `Bearer ${key}` };
const json = { 'Content-Type': 'application/json' };

/** Per client: post JSON and read JSON, get JSON, get bytes. */
const clients = {
  async fetch() {
    return {
      post: async (url, body) => (await fetch(url, { method: 'POST', headers: { ...auth, ...json }, body: JSON.stringify(body) })).json(),
      get: async (url) => (await fetch(url, { headers: auth })).json(),
      bytes: async (url) => Buffer.from(await (await fetch(url)).arrayBuffer()),
    };
  },
  async axios() {
    const { default: axios } = await import('axios');
    return {
      post: async (url, body) => (await axios.post(url, body, { headers: auth })).data,
      get: async (url) => (await axios.get(url, { headers: auth })).data,
      bytes: async (url) => Buffer.from((await axios.get(url, { responseType: 'arraybuffer' })).data),
    };
  },
  async got() {
    const { default: got } = await import('got');
    return {
      post: (url, body) => got.post(url, { headers: auth, json: body }).json(),
      get: (url) => got(url, { headers: auth }).json(),
      bytes: (url) => got(url).buffer(),
    };
  },
  async ky() {
    const { default: ky } = await import('ky');
    return {
      post: (url, body) => ky.post(url, { headers: auth, json: body }).json(),
      get: (url) => ky.get(url, { headers: auth }).json(),
      bytes: async (url) => Buffer.from(await ky.get(url).arrayBuffer()),
    };
  },
  async superagent() {
    const { default: request } = await import('superagent');
    return {
      post: async (url, body) => (await request.post(url).set(auth).send(body)).body,
      get: async (url) => (await request.get(url).set(auth)).body,
      bytes: async (url) => (await request.get(url).buffer(true)).body,
    };
  },
  async 'node-fetch'() {
    const fetch2 = require('node-fetch');
    return {
      post: async (url, body) => (await fetch2(url, { method: 'POST', headers: { ...auth, ...json }, body: JSON.stringify(body) })).json(),
      get: async (url) => (await fetch2(url, { headers: auth })).json(),
      bytes: async (url) => (await fetch2(url)).buffer(),
    };
  },
  async undici() {
    const { request } = await import('undici');
    const ok = async (res) => {
      if (res.statusCode >= 400) throw new Error(`HTTP ${res.statusCode}: ${await res.body.text()}`);
      return res.body;
    };
    return {
      post: async (url, body) => (await ok(await request(url, { method: 'POST', headers: { ...auth, ...json }, body: JSON.stringify(body) }))).json(),
      get: async (url) => (await ok(await request(url, { headers: auth }))).json(),
      bytes: async (url) => Buffer.from(await (await ok(await request(url))).arrayBuffer()),
    };
  },
  async xhr2() {
    const XMLHttpRequest = require('xhr2');
    const send = (method, url, body, responseType) =>
      new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open(method, url);
        if (responseType) xhr.responseType = responseType;
        xhr.setRequestHeader('Authorization', auth.Authorization);
        if (body !== undefined) xhr.setRequestHeader('Content-Type', 'application/json');
        xhr.onload = () => (xhr.status < 400 ? resolve(xhr) : reject(new Error(`HTTP ${xhr.status}: ${xhr.responseText}`)));
        xhr.onerror = () => reject(new Error(`XHR ${method} ${url} failed`));
        xhr.send(body === undefined ? null : JSON.stringify(body));
      });
    return {
      post: async (url, body) => JSON.parse((await send('POST', url, body)).responseText),
      get: async (url) => JSON.parse((await send('GET', url)).responseText),
      bytes: async (url) => Buffer.from((await send('GET', url, undefined, 'arraybuffer')).response),
    };
  },
};

async function flowWithSdk() {
  const { NovitaSDK } = await import('novita-sdk');
  const { default: axios } = await import('axios');
  const sdk = new NovitaSDK(key);
  const { task_id } = await sdk.upscaleV3({ request: { model_name: 'RealESRNet_x4plus', image_base64: imageBase64, scale_factor: 2 } });
  return poll(task_id, (id) => sdk.progressV3({ task_id: id }), async (url) => Buffer.from((await axios.get(url, { responseType: 'arraybuffer' })).data));
}

async function poll(taskId, getResult, bytes) {
  const statuses = [];
  for (let i = 0; i < 20; i++) {
    const result = await getResult(taskId);
    statuses.push(result.task.status);
    if (result.task.status === 'TASK_STATUS_SUCCEED') {
      return { taskId, statuses, ...pngSize(await bytes(result.images[0].image_url)) };
    }
    if (result.task.status === 'TASK_STATUS_FAILED') throw new Error(`task failed: ${result.task.reason}`);
  }
  throw new Error(`task ${taskId} not done after 20 polls: ${statuses.join(', ')}`);
}

async function flow(clientName, base) {
  if (clientName === 'novita-sdk') return flowWithSdk();
  const make = clients[clientName];
  if (!make) throw new Error(`unknown client ${clientName}`);
  const client = await make();
  const { task_id } = await client.post(`${base}/v3/async/upscale`, {
    request: { model_name: 'RealESRGAN_x4plus_anime_6B', image_base64: imageBase64, scale_factor: 2 },
  });
  return poll(task_id, (id) => client.get(`${base}/v3/async/task-result?task_id=${encodeURIComponent(id)}`), client.bytes);
}

drive(async () => {
  const flows = [];
  for (const spec of wanted) {
    const [client, base = 'https://api.novita.ai'] = spec.split('@');
    try {
      flows.push({ client, ...(await flow(client, base)) });
    } catch (err) {
      flows.push({ client, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
    }
  }
  return { flows };
});
