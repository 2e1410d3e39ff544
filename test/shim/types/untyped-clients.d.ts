/** Minimal types for the dev-only clients the route tests drive (no @types packages installed). */
declare module 'superagent' {
  interface SuperagentResponse {
    status: number;
    body: unknown;
    text: string;
    headers: Record<string, string>;
  }
  interface SuperagentRequest extends PromiseLike<SuperagentResponse> {
    url: string;
    use(plugin: (req: SuperagentRequest) => unknown): SuperagentRequest;
    send(body: unknown): SuperagentRequest;
    set(name: string, value: string): SuperagentRequest;
    type(type: string): SuperagentRequest;
    query(query: Record<string, unknown> | string): SuperagentRequest;
    responseType(type: string): SuperagentRequest;
    end(callback?: (err: unknown, res: SuperagentResponse) => void): unknown;
  }
  const superagent: {
    get(url: string): SuperagentRequest;
    post(url: string): SuperagentRequest;
  };
  export default superagent;
}

declare module 'node-fetch' {
  interface NodeFetchResponse {
    ok: boolean;
    status: number;
    headers: { get(name: string): string | null };
    json(): Promise<unknown>;
    text(): Promise<string>;
    arrayBuffer(): Promise<ArrayBuffer>;
  }
  function fetch(url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }): Promise<NodeFetchResponse>;
  export default fetch;
}
