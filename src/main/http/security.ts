// The mirror's defences, checked before any routing (docs/api.md, "Safety"):
// a Host allowlist against DNS rebinding, an Origin allowlist, the per-process token for state-changing
// calls, and hardening headers on every response. No CORS header is ever sent.

import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { HttpError } from './errors'

export const TOKEN_HEADER = 'x-mdm-token'

/** 32 random bytes, URL-safe: carried by the served UI, printed by `serve` for curl. */
export function createMirrorToken(): string {
  return randomBytes(32).toString('base64url')
}

export interface OriginPolicy {
  /** Exact `host:port` values (lower case) a request may name; literals only, never DNS names. */
  readonly hosts: ReadonlySet<string>
  /** Exact origins a browser request may come from. */
  readonly origins: ReadonlySet<string>
}

/** Only the loopback literal and `localhost`, each with the port actually bound. */
export function originPolicy(port: number): OriginPolicy {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`]
  return { hosts: new Set(hosts), origins: new Set(hosts.map((h) => `http://${h}`)) }
}

/** DNS-rebinding defence: a rebound page's requests carry the attacker's name in `Host`, which scripts cannot forge. */
export function checkHost(req: IncomingMessage, policy: OriginPolicy): void {
  const host = req.headers.host?.toLowerCase()
  if (host === undefined || !policy.hosts.has(host)) {
    throw new HttpError('forbidden', `Host must be one of ${[...policy.hosts].join(', ')}`)
  }
}

/** curl sends no Origin; a browser on another site does, and is refused outright (no CORS grant exists). */
export function checkOrigin(req: IncomingMessage, policy: OriginPolicy): void {
  const origin = req.headers.origin
  if (origin === undefined) return
  if (!policy.origins.has(origin.toLowerCase())) {
    throw new HttpError('forbidden', 'cross-origin requests are refused')
  }
}

/** State-changing calls need the per-process token; compared in constant time. */
export function checkToken(req: IncomingMessage, token: string): void {
  const given = req.headers[TOKEN_HEADER]
  if (typeof given !== 'string' || given === '') {
    throw new HttpError('unauthorized', 'this call changes state: send the X-MDM-Token header printed at startup')
  }
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new HttpError('forbidden', 'X-MDM-Token does not match this process')
  }
}
