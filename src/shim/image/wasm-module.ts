/**
 * An instance of one of the image path's embedded WebAssembly modules
 * (base64, see scripts/pil/build-wasm.mjs). Self-contained: the image worker
 * runs this very function from its source text.
 */
export function instantiateWasm<T>(base64: string): T {
  const bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
  return new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as T;
}
