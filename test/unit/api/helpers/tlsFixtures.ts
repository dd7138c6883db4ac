// Certificates made with openssl at test time in a temporary directory: a private CA and server
// certificates for 127.0.0.1 (signed by the CA, self-signed, for the wrong host name, expired).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KeyPair {
  key: string;
  cert: string;
}

export interface TlsFixtures {
  caPem: string;
  /** Signed by the CA, SAN IP:127.0.0.1. */
  server: KeyPair;
  /** Self-signed, SAN IP:127.0.0.1. */
  selfSigned: KeyPair;
  /** Signed by the CA, SAN DNS:wrong.example only. */
  wrongHost: KeyPair;
  /** Signed by the CA, notAfter in the past. */
  expired: KeyPair;
  /** A second, unrelated CA and a server certificate for 127.0.0.1 it signed. */
  otherCaPem: string;
  otherServer: KeyPair;
  cleanup(): void;
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe', timeout: 20_000 });
}

function makeCa(dir: string, name: string): string {
  openssl(dir, ['req', '-x509', ...EC, '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '2', '-subj', `/CN=Audit Test ${name}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  return readFileSync(join(dir, `${name}.pem`), 'utf8');
}

function signed(dir: string, name: string, san: string, days: number, ca = 'ca'): KeyPair {
  openssl(dir, ['req', ...EC, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`]);
  writeFileSync(join(dir, `${name}.ext`), `subjectAltName=${san}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
  openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-out', `${name}.pem`, '-days', String(days), '-extfile', `${name}.ext`]);
  return { key: readFileSync(join(dir, `${name}.key`), 'utf8'), cert: readFileSync(join(dir, `${name}.pem`), 'utf8') };
}

export function makeTlsFixtures(): TlsFixtures {
  const dir = mkdtempSync(join(tmpdir(), 'audit-tls-'));
  const caPem = makeCa(dir, 'ca');
  const otherCaPem = makeCa(dir, 'otherca');
  openssl(dir, ['req', '-x509', ...EC, '-keyout', 'self.key', '-out', 'self.pem', '-days', '2', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1']);
  return {
    caPem,
    otherCaPem,
    otherServer: signed(dir, 'otherserver', 'IP:127.0.0.1', 2, 'otherca'),
    server: signed(dir, 'server', 'IP:127.0.0.1', 2),
    selfSigned: { key: readFileSync(join(dir, 'self.key'), 'utf8'), cert: readFileSync(join(dir, 'self.pem'), 'utf8') },
    wrongHost: signed(dir, 'wronghost', 'DNS:wrong.example', 2),
    expired: signed(dir, 'expired', 'IP:127.0.0.1', -1),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
