// A throwaway self-signed certificate for 127.0.0.1 (openssl), for TLS servers in tests: the
// simulator on wss://, a server with an untrusted certificate. null when openssl is not installed.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

export interface TestCert {
  certFile: string
  cert: string
  key: string
}

export function makeLoopbackCert(): TestCert | null {
  const dir = mkdtempSync(path.join(tmpdir(), 'mdm-cert-'))
  const certFile = path.join(dir, 'cert.pem')
  const keyFile = path.join(dir, 'key.pem')
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1/O=MDM Test'].concat([
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        keyFile,
        '-out',
        certFile
      ]),
      { stdio: 'ignore' }
    )
  } catch {
    return null
  }
  return { certFile, cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') }
}
