/**
 * A test CA and a server certificate for the Novita hosts, made once per
 * process (EC keys: fast) and kept in memory; each fake writes the CA to a
 * file of its own for NODE_EXTRA_CA_CERTS (test workers are killed, so a
 * per-process file would never be removed).
 */
import { generate } from 'selfsigned';

/** The hosts the fake answers for and the preload redirects. */
export const NOVITA_HOSTS: readonly string[] = ['api.novita.ai', 'api.omniinfer.io'];

export interface TestCertificate {
  caPem: string;
  /** The server certificate (SANs: NOVITA_HOSTS) and its key, PEM. */
  certPem: string;
  keyPem: string;
}

let cached: Promise<TestCertificate> | undefined;

export function testCertificate(): Promise<TestCertificate> {
  cached ??= make();
  return cached;
}

async function make(): Promise<TestCertificate> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const ca = await generate([{ name: 'commonName', value: 'novita-migrate e2e test CA' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const leaf = await generate([{ name: 'commonName', value: NOVITA_HOSTS[0]! }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: NOVITA_HOSTS.map((value) => ({ type: 2 as const, value })) },
    ],
  });
  return { caPem: ca.cert, certPem: leaf.cert, keyPem: leaf.private };
}
