// The codes a collector, its backfill, the storage and the mirror put in `ErrorInfo.code`
// (`last_error`, `last_storage_error`, a task's `last_error`). Like ws's `WS_ERR_*`, each code is
// stable for programs and documented for people (docs/error-codes.md); the message beside it says
// what happened this time. A code not listed here does not compile.

/** The system's socket errors (Node's `err.code`), kept as the system spells them. */
export const NETWORK_ERROR_CODES = [
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE'
] as const

/** TLS handshake failures: an untrusted, expired or mismatched certificate, or no TLS at all. */
export const TLS_ERROR_CODES = [
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO'
] as const

/** The WebSocket upgrade answered with an HTTP status instead of 101; other statuses are `upgrade_refused`. */
export const UPGRADE_ERROR_CODES = [
  'http_301',
  'http_302',
  'http_307',
  'http_308',
  'http_400',
  'http_401',
  'http_403',
  'http_404',
  'http_429',
  'http_500',
  'http_502',
  'http_503',
  'http_504',
  'upgrade_refused'
] as const

/** ws refused a frame the server sent (ws's own codes); the connection is closed and reopened. */
export const PROTOCOL_ERROR_CODES = [
  'WS_ERR_EXPECTED_FIN',
  'WS_ERR_EXPECTED_MASK',
  'WS_ERR_INVALID_CLOSE_CODE',
  'WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH',
  'WS_ERR_INVALID_OPCODE',
  'WS_ERR_INVALID_UTF8',
  'WS_ERR_TOO_MANY_BUFFERED_PARTS',
  'WS_ERR_UNEXPECTED_MASK',
  'WS_ERR_UNEXPECTED_RSV_1',
  'WS_ERR_UNEXPECTED_RSV_2_3',
  'WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH',
  'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'
] as const

/** The proxy between the collector and the exchange (Settings → Proxy, or HTTPS_PROXY) failed. */
export const PROXY_ERROR_CODES = ['bad_proxy', 'proxy_unreachable', 'proxy_auth_required', 'proxy_refused'] as const

/** The collector's own verdicts against a connection, and a socket failure with no known code. */
export const LINK_ERROR_CODES = ['ws_error', 'connect_budget', 'pong_timeout', 'silent_connection'] as const

/** `listing_failed`: the instrument listing (`--symbols ALL`, REST instruments-info) could not be read. */
export const SUBSCRIPTION_ERROR_CODES = ['subscribe_failed', 'ack_timeout', 'listing_failed'] as const

export const STORAGE_ERROR_CODES = ['storage_fault'] as const

/** A gap's REST backfill failed: `rest_` and the REST client's failure code. */
export const BACKFILL_ERROR_CODES = [
  'rest_bad_url',
  'rest_rate_limited',
  'rest_http_error',
  'rest_redirect',
  'rest_timeout',
  'rest_network',
  'rest_bad_body',
  'rest_exchange_error',
  'rest_bad_proxy',
  'rest_proxy_unreachable',
  'rest_proxy_auth_required',
  'rest_proxy_refused'
] as const

export const MIRROR_ERROR_CODES = ['port_busy', 'listen_failed'] as const

/** Everything that can end a connection attempt or a live connection. */
export const CONNECTION_ERROR_CODES = [
  ...NETWORK_ERROR_CODES,
  ...TLS_ERROR_CODES,
  ...UPGRADE_ERROR_CODES,
  ...PROTOCOL_ERROR_CODES,
  ...PROXY_ERROR_CODES,
  ...LINK_ERROR_CODES
] as const

export const COLLECTOR_ERROR_CODES = [
  ...CONNECTION_ERROR_CODES,
  ...SUBSCRIPTION_ERROR_CODES,
  ...STORAGE_ERROR_CODES,
  ...BACKFILL_ERROR_CODES,
  ...MIRROR_ERROR_CODES
] as const

export type NetworkErrorCode = (typeof NETWORK_ERROR_CODES)[number]
export type TlsErrorCode = (typeof TLS_ERROR_CODES)[number]
export type UpgradeErrorCode = (typeof UPGRADE_ERROR_CODES)[number]
export type ProxyErrorCode = (typeof PROXY_ERROR_CODES)[number]
export type SubscriptionErrorCode = (typeof SUBSCRIPTION_ERROR_CODES)[number]
export type ConnectionErrorCode = (typeof CONNECTION_ERROR_CODES)[number]
export type CollectorErrorCode = (typeof COLLECTOR_ERROR_CODES)[number]

/** What each code means, in one line; the instance's own message says the rest. */
export const ERROR_MESSAGES: Record<CollectorErrorCode, string> = {
  ECONNREFUSED: 'nothing is listening at the endpoint (connection refused)',
  ECONNRESET: 'the peer or something in between reset the connection',
  ECONNABORTED: 'the connection was aborted locally',
  ENOTFOUND: 'DNS does not know the host name',
  EAI_AGAIN: 'DNS lookup failed for now (no network or resolver down)',
  ETIMEDOUT: 'the connection attempt timed out',
  EHOSTUNREACH: 'no route to the host',
  ENETUNREACH: 'the network is unreachable',
  ENETDOWN: 'the network interface is down',
  EPIPE: 'wrote to a connection the peer had closed',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server presented a self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'the certificate chain ends in an untrusted self-signed root',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the server's certificate cannot be verified",
  UNABLE_TO_GET_ISSUER_CERT: "the certificate's issuer is unknown",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "the certificate's issuer is not in the local trust store",
  CERT_HAS_EXPIRED: "the server's certificate has expired (or the local clock is wrong)",
  CERT_NOT_YET_VALID: "the server's certificate is not valid yet (or the local clock is wrong)",
  ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate does not name the host you connect to',
  ERR_SSL_WRONG_VERSION_NUMBER: 'TLS spoken to a server that does not speak it (wss:// to a plain port)',
  EPROTO: 'the TLS handshake failed at the protocol level',
  http_301: 'the upgrade was redirected (301); redirects are not followed',
  http_302: 'the upgrade was redirected (302); redirects are not followed',
  http_307: 'the upgrade was redirected (307); redirects are not followed',
  http_308: 'the upgrade was redirected (308); redirects are not followed',
  http_400: 'the server rejected the upgrade request as malformed (400)',
  http_401: 'the server wants credentials (401)',
  http_403: 'the server forbids this client: region or IP block (403)',
  http_404: 'no WebSocket endpoint at this path (404)',
  http_429: 'too many connection attempts: rate limited (429)',
  http_500: 'the server failed (500)',
  http_502: 'a gateway in front of the server failed (502)',
  http_503: 'the server is down for maintenance or overloaded (503)',
  http_504: 'a gateway in front of the server timed out (504)',
  upgrade_refused: 'the upgrade was answered with another HTTP status',
  WS_ERR_EXPECTED_FIN: 'the server sent a fragmented control frame',
  WS_ERR_EXPECTED_MASK: 'a frame that must be masked was not',
  WS_ERR_INVALID_CLOSE_CODE: 'the server closed with an invalid close code',
  WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH: 'a control frame longer than 125 bytes',
  WS_ERR_INVALID_OPCODE: 'a frame with an unknown opcode',
  WS_ERR_INVALID_UTF8: 'a text frame that is not valid UTF-8',
  WS_ERR_TOO_MANY_BUFFERED_PARTS: 'a message in too many fragments',
  WS_ERR_UNEXPECTED_MASK: 'the server masked a frame (servers must not)',
  WS_ERR_UNEXPECTED_RSV_1: 'a frame with the RSV1 bit set and no extension agreed',
  WS_ERR_UNEXPECTED_RSV_2_3: 'a frame with the RSV2 or RSV3 bit set',
  WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH: 'a frame length beyond what can be handled',
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: 'a message larger than the collector accepts',
  bad_proxy: 'the proxy setting or variable is not a usable proxy URL',
  proxy_unreachable: 'the proxy could not be reached',
  proxy_auth_required: 'the proxy asked for credentials (407)',
  proxy_refused: 'the proxy refused the tunnel to the exchange',
  ws_error: 'the socket failed with no more specific code',
  connect_budget: 'the connection budget is spent: the next attempt waits',
  pong_timeout: 'no pong came back in time: the connection was terminated',
  silent_connection: 'no data and no pong for too long: the connection was terminated',
  subscribe_failed: 'the exchange refused a subscription',
  ack_timeout: 'the exchange did not answer a subscribe request in time',
  listing_failed: 'the instrument listing (REST instruments-info) could not be read',
  storage_fault: 'the storage threw while storing a trade',
  rest_bad_url: 'the REST URL for backfill is unusable',
  rest_rate_limited: 'backfill was rate limited (by Bybit or the client-side budget)',
  rest_http_error: 'the REST endpoint answered with an HTTP error status',
  rest_redirect: 'the REST endpoint redirected; redirects are not followed',
  rest_timeout: 'the REST request timed out',
  rest_network: 'the REST request failed at the network level',
  rest_bad_body: 'the REST answer was too large or not JSON',
  rest_exchange_error: 'the exchange answered the REST request with an error',
  rest_bad_proxy: 'the proxy for REST backfill is not a usable proxy URL',
  rest_proxy_unreachable: 'the proxy for REST backfill could not be reached',
  rest_proxy_auth_required: 'the proxy for REST backfill asked for credentials (407)',
  rest_proxy_refused: 'the proxy for REST backfill refused the tunnel',
  port_busy: "another process holds the mirror's port",
  listen_failed: 'the mirror could not listen on its address'
}

const KNOWN = new Set<string>(COLLECTOR_ERROR_CODES)
const includes = <C extends string>(codes: readonly C[], code: string | undefined): code is C =>
  code !== undefined && (codes as readonly string[]).includes(code)

export function isCollectorErrorCode(code: unknown): code is CollectorErrorCode {
  return typeof code === 'string' && KNOWN.has(code)
}

/** A socket failure's system code (ECONNREFUSED, WS_ERR_…) when listed, else `ws_error` (the message keeps the rest). */
export function socketErrorCode(systemCode: string | undefined): ConnectionErrorCode {
  return includes(CONNECTION_ERROR_CODES, systemCode) ? systemCode : 'ws_error'
}

/** `http_<status>` for the statuses listed, else `upgrade_refused`. */
export function upgradeErrorCode(status: number): UpgradeErrorCode {
  const code = `http_${status}`
  return includes(UPGRADE_ERROR_CODES, code) ? code : 'upgrade_refused'
}

export const isTlsErrorCode = (code: string): code is TlsErrorCode => includes(TLS_ERROR_CODES, code)
export const isProxyErrorCode = (code: string): code is ProxyErrorCode => includes(PROXY_ERROR_CODES, code)
export const isUpgradeErrorCode = (code: string): code is UpgradeErrorCode => includes(UPGRADE_ERROR_CODES, code)
