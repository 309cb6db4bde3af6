// DNS, TCP and TLS for the configured endpoint, each on its own short-lived connection with a
// deadline, so a hanging step reports a timeout instead of hanging the report. Advice quotes each
// command in backticks, whole, with the host name alone where a host name is asked for.

import { lookup } from 'node:dns/promises'
import { isIP, Socket } from 'node:net'
import { connect as tlsConnect, type PeerCertificate, type TLSSocket } from 'node:tls'
import type { DiagnosticStep } from '../../../shared/dto'
import { errorCode, errorText, failed, passed, since, skipped } from './step'

export interface Endpoint {
  url: string
  host: string
  port: number
  secure: boolean
}

export function parseEndpoint(url: string): Endpoint {
  const u = new URL(url)
  const secure = u.protocol === 'wss:'
  if (!secure && u.protocol !== 'ws:') throw new Error(`not a WebSocket URL: ${url}`)
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1')
  return { url, host, port: u.port ? Number(u.port) : secure ? 443 : 80, secure }
}

export async function dnsStep(
  ep: Endpoint,
  timeoutMs: number
): Promise<{ step: DiagnosticStep; address: string | null }> {
  if (isIP(ep.host) !== 0)
    return { step: skipped('dns', `${ep.host} is an IP address: no lookup needed`), address: ep.host }
  const start = performance.now()
  let timer: NodeJS.Timeout | null = null
  try {
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEOUT' })),
        timeoutMs
      )
    })
    const addrs = await Promise.race([lookup(ep.host, { all: true }), deadline])
    const list = addrs.map((a) => a.address)
    return {
      step: passed('dns', since(start), `${ep.host} resolves to ${list.join(', ')}`, {
        addresses: list.join(', '),
        count: list.length
      }),
      address: list[0] ?? null
    }
  } catch (e) {
    const code = errorCode(e)
    const noHost = code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA'
    const verdict = noHost ? `DNS failed: no network or wrong host (${errorText(e)})` : `DNS failed: ${errorText(e)}`
    return {
      step: failed(
        'dns',
        since(start),
        verdict,
        [
          `Check the host name in the URL (${ep.host}) for typos.`,
          `Try the lookup yourself: \`getent hosts ${ep.host}\` (or \`nslookup ${ep.host}\`).`,
          'Check that this machine is online and has a resolver (/etc/resolv.conf, VPN, captive portal).'
        ],
        { code }
      ),
      address: null
    }
  } finally {
    if (timer) clearTimeout(timer)
  }
}

export function tcpStep(ep: Endpoint, address: string, timeoutMs: number): Promise<DiagnosticStep> {
  const start = performance.now()
  return new Promise((resolve) => {
    const socket = new Socket()
    const finish = (step: DiagnosticStep): void => {
      socket.destroy()
      resolve(step)
    }
    socket.setTimeout(timeoutMs, () =>
      finish(
        failed(
          'tcp',
          since(start),
          `TCP connect to ${address}:${ep.port} timed out after ${timeoutMs} ms`,
          [
            'Packets are dropped on the way: a firewall, a proxy-only network or a VPN. Outbound port ' +
              ep.port +
              ' must be open.',
            `Try it by hand: \`nc -vz ${ep.host} ${ep.port}\``
          ],
          { code: 'ETIMEDOUT' }
        )
      )
    )
    socket.on('error', (e: NodeJS.ErrnoException) => {
      const refused = e.code === 'ECONNREFUSED'
      finish(
        failed(
          'tcp',
          since(start),
          refused
            ? `TCP connection refused: nothing is listening on ${address}:${ep.port}`
            : `TCP connect to ${address}:${ep.port} failed: ${errorText(e)}`,
          refused
            ? [
                `Is the server running? For the local simulator: \`npm run simulator -- --port ${ep.port}\`.`,
                `Check the port in the URL (${ep.url}) and try: \`nc -vz ${ep.host} ${ep.port}\``,
                'A local firewall can also answer with a refusal (RST).'
              ]
            : [`Try it by hand: \`nc -vz ${ep.host} ${ep.port}\``, 'Check the network route and any firewall.'],
          { code: e.code ?? null }
        )
      )
    })
    socket.connect({ host: address, port: ep.port }, () =>
      finish(
        passed('tcp', since(start), `connected to ${address}:${ep.port}`, {
          remote: `${socket.remoteAddress ?? address}:${socket.remotePort ?? ep.port}`,
          local: `${socket.localAddress ?? ''}:${socket.localPort ?? ''}`
        })
      )
    )
  })
}

/** `openssl s_client` to the endpoint, with SNI only for a host name (IPv6 in brackets). */
function opensslConnect(ep: Endpoint): string {
  const kind = isIP(ep.host)
  const target = `${kind === 6 ? `[${ep.host}]` : ep.host}:${ep.port}`
  return `openssl s_client -connect ${target}${kind === 0 ? ` -servername ${ep.host}` : ''}`
}

function certName(c: PeerCertificate['subject'] | undefined): string | null {
  if (!c) return null
  const parts = [c.CN, c.O].filter((p): p is string => typeof p === 'string' && p !== '')
  return parts.length > 0 ? parts.join(', ') : null
}

export function tlsStep(ep: Endpoint, address: string, timeoutMs: number): Promise<DiagnosticStep> {
  if (!ep.secure) return Promise.resolve(skipped('tls', 'ws:// (plain, loopback only): no TLS'))
  const start = performance.now()
  return new Promise((resolve) => {
    let socket: TLSSocket | null = null
    const finish = (step: DiagnosticStep): void => {
      socket?.destroy()
      resolve(step)
    }
    socket = tlsConnect({
      host: address,
      port: ep.port,
      servername: isIP(ep.host) ? undefined : ep.host,
      // Only so an untrusted certificate can still be read and shown: no data is ever sent on this
      // socket, and the step fails below unless `authorized` (chain and, via checkServerIdentity
      // against the servername, the host name). The collector's own sockets never turn checks off.
      rejectUnauthorized: false
    })
    socket.setTimeout(timeoutMs, () =>
      finish(
        failed('tls', since(start), `TLS handshake timed out after ${timeoutMs} ms`, [
          'A proxy or firewall may be intercepting port ' + ep.port + '.'
        ])
      )
    )
    socket.on('error', (e) =>
      finish(
        failed(
          'tls',
          since(start),
          `TLS handshake failed: ${errorText(e)}`,
          [`Try: \`${opensslConnect(ep)}\``, 'A TLS-intercepting proxy or an old OpenSSL can break the handshake.'],
          { code: errorCode(e) }
        )
      )
    )
    socket.once('secureConnect', () => {
      const s = socket as TLSSocket
      const cert = s.getPeerCertificate()
      const validTo = cert.valid_to ? new Date(cert.valid_to).getTime() : null
      const details = {
        protocol: s.getProtocol(),
        cipher: s.getCipher()?.name ?? null,
        subject: certName(cert.subject),
        issuer: certName(cert.issuer),
        valid_to: validTo !== null ? new Date(validTo).toISOString() : null,
        days_left: validTo !== null ? Math.floor((validTo - Date.now()) / 86_400_000) : null,
        authorized: s.authorized
      }
      if (!s.authorized) {
        finish(
          failed(
            'tls',
            since(start),
            `certificate not trusted: ${String(s.authorizationError)}`,
            [
              'Check the system clock (an expired-looking certificate is often a wrong date).',
              'A corporate proxy re-signing TLS needs its CA in NODE_EXTRA_CA_CERTS; the collector never disables certificate checks.'
            ],
            details
          )
        )
        return
      }
      finish(
        passed(
          'tls',
          since(start),
          `${details.protocol ?? 'TLS'} with ${details.subject ?? 'the server'}, issued by ${details.issuer ?? '?'}, valid until ${details.valid_to ?? '?'}`,
          details
        )
      )
    })
  })
}
