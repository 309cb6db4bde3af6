// Which proxy a connection to the exchange goes through, decided the way curl decides it: the
// proxy setting (`--proxy`, `MDM_PROXY`, Settings) or else the environment by the target's scheme
// (`wss://`/`https://` → https_proxy / HTTPS_PROXY, `ws://`/`http://` → http_proxy / HTTP_PROXY,
// then all_proxy / ALL_PROXY); `none` disables both; NO_PROXY exempts hosts from either. Loopback
// is not exempt unless NO_PROXY names it. A value without a scheme is http://, as curl reads it.
// The tunnels themselves are https-proxy-agent's (WebSocket) and undici's ProxyAgent (REST).

import { BlockList, isIP } from 'node:net'
import type { ProxyErrorCode } from '../../../shared/error-codes'
import { parseProxySetting, withProxyScheme } from '../../../shared/validate'

/** The proxy setting that disables every proxy, the environment's included. */
export const PROXY_NONE = 'none'

/** Where a route's proxy came from when it is the setting, not a variable. */
export const SETTING_SOURCE = 'proxy setting'

export interface ProxyRoute {
  /** The proxy URL with its credentials: for the agent only, never shown. */
  readonly url: string
  /** Credentials redacted, for logs, status and reports. */
  readonly display: string
  /** `proxy setting`, or the environment variable's name. */
  readonly source: string
}

export interface ProxyDecision {
  /** null: a direct connection. */
  route: ProxyRoute | null
  /** Why a configured proxy is not used for this target (NO_PROXY, an unsupported scheme); null otherwise. */
  note: string | null
}

/** The proxy variables, in the order curl reads them (lower case first). */
export const PROXY_VARIABLES = {
  https: ['https_proxy', 'HTTPS_PROXY'],
  http: ['http_proxy', 'HTTP_PROXY'],
  all: ['all_proxy', 'ALL_PROXY'],
  none: ['no_proxy', 'NO_PROXY']
} as const

/**
 * `http://user:secret@proxy:3128` → `http://***@proxy:3128`, also for values without a scheme and
 * passwords with an unencoded `@` (everything up to the last `@` before the host is userinfo).
 */
export function redactProxy(value: string): string {
  return value.replace(
    /^([a-z][a-z0-9+.-]*:\/\/)?[^/?#\s]*@/i,
    (_all, scheme: string | undefined) => `${scheme ?? ''}***@`
  )
}

function envValue(env: NodeJS.ProcessEnv, names: readonly string[]): { name: string; value: string } | null {
  for (const name of names) {
    const value = env[name]?.trim()
    if (value) return { name, value }
  }
  return null
}

/** The NO_PROXY entry that exempts `host:port`, or null. Names match themselves and their subdomains; IPs and CIDR ranges match addresses. */
export function noProxyEntry(host: string, port: number, list: string): string | null {
  const name = host.replace(/^\[|\]$/g, '').toLowerCase()
  for (const raw of list.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase()
    if (entry === '') continue
    if (entry === '*') return raw
    const withPort = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(entry)
    if (withPort && Number(withPort[2]) !== port) continue
    const pattern = (withPort ? withPort[1] : entry).replace(/^\[|\]$/g, '')
    const [base, bits] = pattern.split('/')
    const family = isIP(base)
    if (family !== 0) {
      if (isIP(name) !== family) continue
      const type = family === 4 ? 'ipv4' : 'ipv6'
      const block = new BlockList()
      if (bits === undefined) block.addAddress(base, type)
      else block.addSubnet(base, Number(bits), type)
      if (block.check(name, type)) return raw
      continue
    }
    const domain = pattern.replace(/^\*?\./, '')
    if (name === domain || name.endsWith(`.${domain}`)) return raw
  }
  return null
}

/**
 * The route to `target` under `setting` ('' = the environment's, `none`, or a proxy URL). A malformed
 * proxy setting throws `ProxyError('bad_proxy')`; one from the environment that is not an HTTP proxy
 * (e.g. ALL_PROXY=socks5://…) is ignored with a note, as before this app honoured proxies.
 */
export function proxyRouteFor(target: string, setting: string, env: NodeJS.ProcessEnv = process.env): ProxyDecision {
  const explicit = setting.trim()
  if (explicit.toLowerCase() === PROXY_NONE) return { route: null, note: null }
  const url = new URL(target)
  const secure = url.protocol === 'wss:' || url.protocol === 'https:'
  const found: { name: string; value: string } | null =
    explicit !== ''
      ? { name: SETTING_SOURCE, value: explicit }
      : envValue(env, [...(secure ? PROXY_VARIABLES.https : PROXY_VARIABLES.http), ...PROXY_VARIABLES.all])
  if (found === null) return { route: null, note: null }
  const noProxy = envValue(env, PROXY_VARIABLES.none)
  const exempt = noProxy && noProxyEntry(url.hostname, Number(url.port) || (secure ? 443 : 80), noProxy.value)
  if (exempt) return { route: null, note: `${noProxy.name} entry "${exempt}" exempts ${url.hostname}: direct` }
  const parsed = parseProxySetting(found.value)
  if (!parsed.ok) {
    const why = `${found.name} ${redactProxy(found.value)}: ${redactProxy(parsed.error)}`
    if (explicit !== '') throw new ProxyError('bad_proxy', `Proxy from the ${why}`)
    return { route: null, note: `${why}; ignored, direct` }
  }
  const proxyUrl = withProxyScheme(parsed.value)
  return { route: { url: proxyUrl, display: redactProxy(proxyUrl), source: found.name }, note: null }
}

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
