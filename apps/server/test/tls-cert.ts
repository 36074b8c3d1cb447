/**
 * A throwaway self-signed certificate for 127.0.0.1, localhost and `ips`, made with the system's `openssl`
 * (Debian's openssl, present wherever Node is installed from Debian), in a temp directory.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCert {
  readonly cert: string;
  readonly key: string;
  /** The certificate's PEM, to trust as a CA in clients. */
  readonly ca: Buffer;
  readonly dir: string;
}

export function selfSignedCert(ips: readonly string[] = []): TestCert {
  const dir = mkdtempSync(join(tmpdir(), 'vrijuit-tls-'));
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      `subjectAltName=${['127.0.0.1', ...ips].map((ip) => `IP:${ip}`).join(',')},DNS:localhost`,
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return { cert, key, ca: readFileSync(cert), dir };
}
