const url = <string>'https://api.novita.ai/v2/upscale';
export const send = (body: unknown) => fetch(url, { method: 'POST', body: <string>JSON.stringify(body) });
