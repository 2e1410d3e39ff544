// Calls issue 11 found missed: each is a real V2 request.
import { NovitaSDK } from './vendor/novita-sdk/src';

declare const client: { send(url: string, body: unknown): Promise<unknown> };
declare const u: (parts: TemplateStringsArray, ...values: unknown[]) => string;
declare const base: string;

enum Endpoint {
  Upscale = 'https://api.novita.ai/v2/upscale',
  Progress = 'https://api.novita.ai/v2/progress',
}

export async function viaSend(image: string) {
  return client.send(<string>'https://api.novita.ai/v2/upscale', { image, upscaling_resize: 2 });
}

export async function viaTaggedTemplate(id: string) {
  return fetch(u`${base}/v2/progress?task_id=${id}`);
}

export async function viaEnum(image: string) {
  return fetch(Endpoint.Upscale, { method: 'POST', body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+' }) });
}

export async function viaOptionalCall(f: typeof fetch | undefined, id: string) {
  return (f ?? fetch)?.(`${Endpoint.Progress}?task_id=${id}`);
}

export async function viaVendoredSdk(image: string) {
  const sdk = new NovitaSDK(process.env.NOVITA_API_KEY!);
  return sdk.upscale({ image, upscaler_1: 'R-ESRGAN 4x+' });
}

export async function viaConcat(id: string) {
  return fetch('https://api.novita.ai/v2/progress?task_id='.concat(id));
}
