// Which proxy a connection to the exchange goes through, decided the way curl decides it:
// an explicit setting (`--proxy URL`, Settings) wins, `none` disables, otherwise HTTPS_PROXY /
// HTTP_PROXY / ALL_PROXY (either case) by the target's scheme, with NO_PROXY exemptions. Loopback
// is not exempt unless NO_PROXY says so. The matching is proxy-from-env's; the tunnels are
// https-proxy-agent's (WebSocket) and undici's ProxyAgent (REST).

import { getProxyForUrl } from 'proxy-from-env'
import type { ProxyErrorCode } from '../../../shared/error-codes'
import { parseProxySetting } from '../../../shared/validate'

/** The proxy setting that disables every proxy, the environment's included. */
export const PROXY_NONE = 'none'

export interface ProxyRoute {
  /** The proxy URL with its credentials: for the agent only, never shown. */
  readonly url: string
  /** Credentials redacted, for logs, status and reports. */
  readonly display: string
  /** Where it came from: `--proxy` (the setting) or the environment variable's name. */
  readonly source: string
}

/** `http://user:secret@proxy:3128` → `http://***@proxy:3128`. */
export function redactProxy(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1***@')
}

/** WebSocket targets use the HTTP proxy variables of their TLS-equivalent scheme, as curl does. */
function httpScheme(target: URL): URL {
  const u = new URL(target.href)
  if (u.protocol === 'wss:') u.protocol = 'https:'
  else if (u.protocol === 'ws:') u.protocol = 'http:'
  return u
}

function envSource(scheme: string, value: string, env: NodeJS.ProcessEnv): string {
  for (const name of [`${scheme}_proxy`, `${scheme.toUpperCase()}_PROXY`, 'all_proxy', 'ALL_PROXY']) {
    const v = env[name]
    if (v !== undefined && v !== '' && value.endsWith(v)) return name
  }
  return 'environment'
}

/**
 * The route to `target` under `setting` ('' = the environment, `none`, or a proxy URL), or null
 * for a direct connection. A malformed proxy URL throws a `ProxyError` with code `bad_proxy`.
 */
export function proxyRouteFor(target: string, setting: string): ProxyRoute | null {
  const explicit = setting.trim()
  if (explicit.toLowerCase() === PROXY_NONE) return null
  const url = httpScheme(new URL(target))
  const chosen = explicit !== '' ? explicit : getProxyForUrl(url.href)
  if (chosen === '') return null
  const source = explicit !== '' ? '--proxy' : envSource(url.protocol.slice(0, -1), chosen, process.env)
  const parsed = parseProxySetting(chosen)
  if (!parsed.ok) throw new ProxyError('bad_proxy', `Proxy from ${source} unusable: ${redactProxy(parsed.error)}`)
  return { url: chosen, display: redactProxy(chosen), source }
}

export type { ProxyErrorCode }

export class ProxyError extends Error {
  constructor(
    readonly code: ProxyErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'ProxyError'
  }
}

/** `host:port` as a CONNECT line names it (the scheme's default port when the URL has none). */
export function tunnelTarget(target: string): string {
  const u = new URL(target)
  const secure = u.protocol === 'https:' || u.protocol === 'wss:'
  return `${u.host.replace(/:\d+$/, '')}:${u.port || (secure ? 443 : 80)}`
}

/** The proxy's answer to CONNECT, as a coded error; null for 200. */
export function proxyReplyError(
  route: ProxyRoute,
  target: string,
  status: number,
  statusText: string
): ProxyError | null {
  if (status === 200) return null
  const code = status === 407 ? 'proxy_auth_required' : 'proxy_refused'
  return new ProxyError(
    code,
    `Proxy ${route.display} (${route.source}) answered "${status} ${statusText}" to CONNECT ${target}`
  )
}

/** A failure before the proxy answered: the proxy itself could not be reached. */
export function proxyUnreachable(route: ProxyRoute, reason: string): ProxyError {
  return new ProxyError('proxy_unreachable', `Proxy ${route.display} (${route.source}) unreachable: ${reason}`)
}
