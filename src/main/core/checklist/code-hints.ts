// The first fix hint of a failing stage, chosen by the error code the collector recorded — never by
// the wording of its message, which belongs to the system or the exchange and may change.

import {
  isProxyErrorCode,
  isTlsErrorCode,
  isUpgradeErrorCode,
  type CollectorErrorCode,
  type ProxyErrorCode,
  type SubscriptionErrorCode,
  type UpgradeErrorCode
} from '../../../shared/error-codes'

const UPGRADE_REFUSED = 'The server refused the WebSocket upgrade with an HTTP status'

function upgradeHint(code: UpgradeErrorCode): string {
  switch (code) {
    case 'http_403':
      return `${UPGRADE_REFUSED} (403): a region or IP block; Bybit refuses some regions, use a permitted network.`
    case 'http_429':
      return `${UPGRADE_REFUSED} (429): too many connection attempts; the collector waits (Retry-After) before the next one.`
    case 'http_401':
      return `${UPGRADE_REFUSED} (401): the endpoint wants credentials; public trades need none, so the URL is wrong.`
    case 'http_404':
    case 'http_400':
      return `${UPGRADE_REFUSED} (${code.slice(5)}): no WebSocket endpoint at this URL; check the path (/v5/public/<category>) in Settings.`
    case 'http_301':
    case 'http_302':
    case 'http_307':
    case 'http_308':
      return `${UPGRADE_REFUSED} (${code.slice(5)}): the endpoint moved; redirects are not followed, so set the new URL in Settings.`
    case 'http_500':
    case 'http_502':
    case 'http_503':
    case 'http_504':
      return `${UPGRADE_REFUSED} (${code.slice(5)}): maintenance or overload at the exchange; the collector keeps retrying with backoff.`
    case 'upgrade_refused':
      return `${UPGRADE_REFUSED}: the status is quoted above; the collector keeps retrying with backoff.`
  }
}

/** The host name (no port, no IPv6 brackets) and the port a WebSocket URL connects to. */
export interface Endpoint {
  host: string
  port: number
}

function proxyHint(code: ProxyErrorCode, { host, port }: Endpoint): string {
  switch (code) {
    case 'bad_proxy':
      return 'The proxy setting is not a usable proxy URL (http://[user:password@]host:port): fix Settings → Proxy or HTTPS_PROXY.'
    case 'proxy_unreachable':
      return 'The proxy itself cannot be reached: check its host and port, or set Proxy to none to connect directly.'
    case 'proxy_auth_required':
      return 'The proxy wants credentials (407): put them in the proxy URL (http://user:password@host:port).'
    case 'proxy_refused':
      return `The proxy refused the tunnel: its rules must allow CONNECT to ${host}:${port}.`
  }
}

/** The hint for how the connection failed; null when the code says nothing more than the general steps. */
export function connectionHint(code: CollectorErrorCode, endpoint: Endpoint): string | null {
  const { host, port } = endpoint
  if (isUpgradeErrorCode(code)) return upgradeHint(code)
  if (isProxyErrorCode(code)) return proxyHint(code, endpoint)
  if (isTlsErrorCode(code))
    return 'TLS failed: check the system clock and any TLS-intercepting proxy (its CA is not trusted).'
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `DNS does not resolve ${host}: check the network and the host name with \`getent hosts ${host}\`.`
    case 'ECONNREFUSED':
      return `Nothing is listening at ${host}:${port}: is the endpoint (or the local simulator, \`npm run simulator -- --port ${port}\`) running? Try \`nc -vz ${host} ${port}\`.`
    case 'ETIMEDOUT':
    case 'ECONNRESET':
    case 'ECONNABORTED':
    case 'EPIPE':
      return 'The connection times out or is reset: a firewall or proxy is dropping outbound WebSocket traffic.'
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENETDOWN':
      return `No route to ${host}: the network is down or unreachable from this machine.`
    case 'connect_budget':
      return 'The connection budget is spent (too many attempts in the window): the collector waits for the next slot; fix the cause of the failed attempts first.'
    case 'pong_timeout':
    case 'silent_connection':
      return 'The connection went silent and was terminated: something in between drops idle WebSocket traffic, or the network flaps.'
    default:
      return null
  }
}

/** A refused topic (`subscribe_failed`) and an unanswered one (`ack_timeout`) call for different first steps. */
export function subscriptionHint(code: SubscriptionErrorCode): string {
  return code === 'subscribe_failed'
    ? 'Read the exchange reply quoted above: "handler not found" means the symbol does not exist in this category (BTCUSDT is spot/linear, BTCUSD inverse); "args size >10" means too many topics in one spot request.'
    : 'No reply at all (ack_timeout): the collector resubscribes once, then reconnects; if it keeps timing out, reconnect now or restart the collector.'
}
