/**
 * The error the 1.x SDK rejects with. When the app has novita-sdk installed,
 * its own NovitaError class is used (so `instanceof NovitaError` holds);
 * otherwise a look-alike with the same fields.
 */
export interface NovitaErrorLike {
  code: number;
  msg: string;
  reason: string;
  metadata?: unknown;
}

class NovitaCompatError extends Error implements NovitaErrorLike {
  reason: string;
  constructor(
    readonly code: number,
    readonly msg: string,
    reason?: string,
    readonly metadata?: unknown,
  ) {
    super(msg);
    this.name = 'NovitaError';
    this.reason = reason ?? '';
  }
}

type NovitaErrorClass = new (code: number, msg: string, reason?: string, metadata?: unknown) => NovitaErrorLike;

let sdkErrorClass: Promise<NovitaErrorClass> | undefined;

export async function novitaError(code: number, msg: string, reason = '', metadata?: unknown): Promise<NovitaErrorLike> {
  sdkErrorClass ??= import('novita-sdk' as string).then(
    (m: { NovitaError?: NovitaErrorClass; default?: { NovitaError?: NovitaErrorClass } }) => m.NovitaError ?? m.default?.NovitaError ?? NovitaCompatError,
    () => NovitaCompatError,
  );
  const Cls = await sdkErrorClass;
  return new Cls(code, msg, reason, metadata);
}
