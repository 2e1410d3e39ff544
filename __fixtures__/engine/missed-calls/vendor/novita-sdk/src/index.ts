export class NovitaSDK {
  constructor(readonly key: string) {}
  upscale(params: unknown) {
    return params;
  }
}
