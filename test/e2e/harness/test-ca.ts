/**
 * A test CA and a server certificate for the Novita hosts, made once per
 * process (EC keys: fast) and kept in a temp dir, so children can trust the
 * CA through NODE_EXTRA_CA_CERTS.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

/** The hosts the fake answers for and the preload redirects. */
export const NOVITA_HOSTS: readonly string[] = ['api.novita.ai', 'api.omniinfer.io'];

export interface TestCertificate {
  /** PEM file of the CA (for NODE_EXTRA_CA_CERTS). */
  caFile: string;
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
  const dir = mkdtempSync(join(tmpdir(), 'novita-e2e-ca-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, ca.cert);
  return { caFile, caPem: ca.cert, certPem: leaf.cert, keyPem: leaf.private };
}
