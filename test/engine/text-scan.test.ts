import { describe, expect, it } from 'vitest';
import { scanTextForV2Urls } from '../../src/engine/text-scan.js';

const found = (text: string) => scanTextForV2Urls(text).map((m) => [m.endpoint, m.url, m.span.line, m.span.column]);

describe('text scan: a Novita base joined to a V2 path', () => {
  it('Python: f-strings, +, .format, %, urljoin, attributes set from os.getenv', () => {
    const py = [
      'import os, requests',
      'BASE_URL = "https://api.novita.ai"',
      'class C:',
      '    def __init__(self):',
      '        self.base_url = os.getenv("NOVITA_BASE", "https://api.novita.ai")',
      '    def a(self): return requests.post(f"{BASE_URL}/v2/upscale", json={})',
      '    def b(self, t): return requests.get(BASE_URL + "/v2/progress", params={"task_id": t})',
      '    def c(self, t): return requests.get(f"{self.base_url}/v2/progress?task_id={t}")',
      '    def d(self): return "{}/v2/upscale".format(BASE_URL), "%s/v2/progress" % BASE_URL',
      '    def e(self): return urljoin(BASE_URL, "/v2/upscale")',
    ].join('\n');
    expect(found(py)).toEqual([
      ['upscale', 'https://api.novita.ai/v2/upscale', 6, 41],
      ['progress', 'https://api.novita.ai/v2/progress', 7, 41],
      ['progress', 'https://api.novita.ai/v2/progress?task_id={t}', 8, 43],
      ['upscale', 'https://api.novita.ai/v2/upscale', 9, 25],
      ['progress', 'https://api.novita.ai/v2/progress', 9, 59],
      ['upscale', 'https://api.novita.ai/v2/upscale', 10, 25],
    ]);
  });

  it('Go: fmt.Sprintf and +, with a const or a struct field; a base ending in /v2', () => {
    const go = [
      'package novita',
      'const baseURL = "https://api.novita.ai"',
      'func New() *Client { return &Client{BaseURL: "https://api.omniinfer.io/v2"} }',
      'func (c *Client) Upscale() string { return fmt.Sprintf("%s/upscale", c.BaseURL) }',
      'func Progress() string { return baseURL + "/v2/progress" }',
      'func Up() string { return fmt.Sprintf("%s/v2/upscale", baseURL) }',
    ].join('\n');
    expect(found(go)).toEqual([
      ['upscale', 'https://api.omniinfer.io/v2/upscale', 4, 56],
      ['progress', 'https://api.novita.ai/v2/progress', 5, 33],
      ['upscale', 'https://api.novita.ai/v2/upscale', 6, 39],
    ]);
  });

  it('shell: $BASE and ${BASE}', () => {
    expect(found('NOVITA=https://api.novita.ai\ncurl -X POST "$NOVITA/v2/upscale"\ncurl "${NOVITA}/v2/progress?task_id=1"\n')).toEqual([
      ['upscale', 'https://api.novita.ai/v2/upscale', 2, 15],
      ['progress', 'https://api.novita.ai/v2/progress?task_id=1', 3, 7],
    ]);
  });

  it('never for a base that is not a Novita host in the file, nor for other paths', () => {
    const py = [
      'BASE_URL = "https://api.example.com"',
      'MJ = os.environ["MIDJOURNEY_API_BASE_URL"]',
      'NOVITA = "https://api.novita.ai"',
      'a = requests.post(f"{BASE_URL}/v2/upscale")',
      'b = requests.post(f"{MJ}/midjourney/v2/upscale")',
      'c = requests.get(UNKNOWN + "/v2/progress")',
      'd = requests.post(f"{NOVITA}/v3/async/upscale")',
      'e = requests.post(f"{NOVITA}/mj/v2/upscale")',
    ].join('\n');
    expect(found(py)).toEqual([]);
    expect(found('base := "https://example.com"\nfmt.Sprintf("%s/v2/upscale", base)\n')).toEqual([]);
  });

  it('stays linear on a long minified line', () => {
    const line = `BASE="https://api.novita.ai"\n${'a.'.repeat(200_000)}${'x'.repeat(200_000)}{{{{/v2/upscale ${'"%s/v2/upscale"'.repeat(20_000)}`;
    const started = performance.now();
    scanTextForV2Urls(line);
    // Quadratic backtracking took over a minute here; linear is milliseconds. Loose bound for a loaded machine.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
