// The guide's fix hints per item, written for the person at the keyboard: what to look at, the exact
// command, and which recovery action to take. Commands use the real URLs and ports of this run, and
// each is written in backticks, whole, so it can be pasted into a shell as it is.

import {
  SUBSCRIPTION_ERROR_CODES,
  type CollectorErrorCode,
  type SubscriptionErrorCode
} from '../../../shared/error-codes'
import { connectionHint, subscriptionHint, type Endpoint } from './code-hints'
import type { ChecklistEvidence } from './evidence'
import { httpFormOf } from './words'

export interface FixContext {
  wsUrl: string
  /** The collector's proxy, as its status shows it; null: direct. */
  proxy: string | null
  collector: string
  api: string
  /** The mirror's port (the one it would listen on when it is off). */
  mirrorPort: number
  restUrl: string
  category: string
  symbol: string
}

export function fixContext(ev: Omit<ChecklistEvidence, 'api'>): FixContext {
  const c = ev.collectors[0]
  return {
    wsUrl: c ? c.status.url : 'wss://stream.bybit.com/v5/public/spot',
    proxy: c ? c.status.proxy : null,
    collector: c ? c.status.name : 'bybit_trades',
    api: (ev.mirror.url ?? `http://127.0.0.1:${ev.mirror.port}`).replace('127.0.0.1', 'localhost'),
    mirrorPort: ev.mirror.port,
    restUrl: c ? c.status.rest_url : 'https://api.bybit.com',
    category: c ? c.status.category : 'spot',
    symbol: c?.status.symbols[0] ?? 'BTCUSDT'
  }
}

/** A POST to the mirror with the token, as `curl` sends it. */
const post = (x: FixContext, path: string): string => `\`curl -X POST -H "X-MDM-Token: $MDM_TOKEN" ${x.api}${path}\``

/** `curl … | python3 -m json.tool`: a mirror GET, pretty-printed. */
const getPretty = (x: FixContext, path: string): string => `\`curl -s "${x.api}${path}" | python3 -m json.tool\``

const reconnect = (x: FixContext): string =>
  `Recover: "Reconnect now" on the Connection view, or ${post(x, `/collectors/${x.collector}/reconnect`)}`

/** Collection paused by the user: the one fix is to resume it. */
export function pausedFixes(x: FixContext): string[] {
  const body = `-H 'content-type: application/json' -d '{"paused":false}'`
  return [
    `Resume collection (Settings → Actions, the tray, or \`curl -X POST -H "X-MDM-Token: $MDM_TOKEN" ${body} ${x.api}/collectors/paused\`)`
  ]
}

/** Hints that depend on how the connection failed: the error code the collector recorded. */
export function connectionFixes(x: FixContext, errorCode: CollectorErrorCode | null): string[] {
  const hint = errorCode === null ? null : connectionHint(errorCode, endpointOf(x.wsUrl))
  return [
    ...(hint === null ? [] : [hint]),
    `Run the network diagnostics (Debug view → "Run network diagnostics", or \`npm run doctor -- --ws-url ${x.wsUrl}\`) to see which step fails: DNS, TCP, TLS, upgrade.`,
    `Try the upgrade by hand: \`curl -i -N -H "Connection: Upgrade" -H "Upgrade: websocket" -H "Sec-WebSocket-Version: 13" -H "Sec-WebSocket-Key: SGVsbG8sIHdvcmxkIQ==" ${httpFormOf(x.wsUrl)}\` (expect 101 Switching Protocols).`,
    `Read the socket errors: the Logs view filtered to errors, or the log piped through \`grep -E "WebSocket connection error|WebSocket closed"\`; ${getPretty(x, `/collectors/status/${x.collector}`)} shows last_error and next_reconnect_at.`,
    x.proxy !== null
      ? `The connection goes through the proxy ${x.proxy}: the network diagnostics' Proxy step asks it for the tunnel and quotes its answer (407: credentials; 403: not allowed).`
      : 'No proxy in use: where only a proxy reaches the internet, set it in Settings → Proxy or in HTTPS_PROXY.',
    reconnect(x)
  ]
}

/** `codes`: how the failing topics failed; the matching hints come first. None: still waiting. */
export function subscriptionFixes(x: FixContext, codes: readonly SubscriptionErrorCode[] = []): string[] {
  const first = SUBSCRIPTION_ERROR_CODES.filter((c) => codes.includes(c))
  const rest = SUBSCRIPTION_ERROR_CODES.filter((c) => !codes.includes(c))
  return [
    ...[...first, ...rest].map(subscriptionHint),
    'Check the symbols and category in Settings; symbols are upper case without a separator (BTCUSDT, not BTC/USDT).',
    `Per-topic state and the refusal: ${getPretty(x, `/collectors/status/${x.collector}`)} (subscriptions[].state and .reason).`,
    'The log piped through `grep -E "Subscribing to|Successfully subscribed|Subscription to .* failed"`.',
    reconnect(x)
  ]
}

export function messagesFixes(x: FixContext): string[] {
  return [
    'Connected and subscribed but nothing arrives: the exchange stopped sending or something in between buffers. The watchdog terminates a silent socket and reconnects.',
    `Watch the counters move: \`watch -n1 "curl -s ${x.api}/collectors/status/${x.collector} | python3 -m json.tool | grep -E 'messages_received|last_message_at'"\``,
    'Check the pongs: last_pong_at should advance every 20 s; if it does not, the connection is dead.',
    reconnect(x)
  ]
}

export function parseFixes(x: FixContext): string[] {
  return [
    `The exact parser error and a count are above; the raw frames are kept: ${getPretty(x, '/debug/storage')} ` +
      'shows the raw-frame ring, and --record FILE writes every frame to NDJSON for a bug report.',
    'See them in context: the Logs view filtered to parse errors, or the log piped through `grep "Parse error"`.',
    'A wrong category for the URL (e.g. a linear URL with category spot) produces frames the parser rejects: check Settings.',
    `Recover: after fixing the cause, restart the collector (its counters start over): ${post(x, `/collectors/${x.collector}/restart`)}`
  ]
}

export function tradesFixes(x: FixContext): string[] {
  return [
    'Subscribed but no trade yet: a quiet symbol can be silent for minutes; a liquid one (BTCUSDT) trades every second.',
    `Compare with the exchange: \`curl -s "${x.restUrl.replace(/\/+$/, '')}/v5/market/recent-trade?category=${x.category}&symbol=${x.symbol}&limit=1"\`.`,
    'If trades are rejected as invalid, the Logs view shows the first reason (code invalid_trade).',
    reconnect(x)
  ]
}

export function storageHandlerFixes(x: FixContext): string[] {
  return [
    'The collector was created without the manager handing it a storage instance: this is a wiring bug, not a network problem.',
    `Restart the engine (Debug view → "Restart engine", or ${post(x, '/engine/restart')}) so the manager builds the collectors again; report it with the diagnostics report.`
  ]
}

export function sameInstanceFixes(x: FixContext): string[] {
  return [
    `The collector writes to a different storage than the one the API reads: compare the ids in ${getPretty(x, '/debug/storage')} (collector_${x.collector}_storage vs manager_storage_id).`,
    'Restart the engine so the manager hands its one storage instance to every collector; report it with the diagnostics report.'
  ]
}

export function storageErrorFixes(x: FixContext): string[] {
  return [
    'The exact storage error is quoted above; the Logs view filtered to storage errors, or the log piped through `grep "Storage error"`.',
    `${getPretty(x, '/debug/storage')} shows storage_errors and last_storage_error; the accounting counts each failed trade as rejected.`,
    'Memory pressure: check the Resources panel (RSS, heap) and lower the per-symbol limit in Settings.',
    'Recover: once the cause is gone the item passes with the next stored trade; clear storage (it asks for confirmation) if the store is inconsistent, or restart the engine.'
  ]
}

export function statsFixes(x: FixContext): string[] {
  return [
    `${getPretty(x, '/collectors/storage/stats')}: total_trades, trades_by_symbol and the accounting (received = stored + evicted + duplicates + rejected + cleared).`,
    'Trades parsed but none held: look at duplicates_dropped and rejected (too many symbols, invalid trades) and at "No storage exceptions" above.',
    'If storage was just cleared, the next trade fills it again.'
  ]
}

export function apiFixes(x: FixContext): string[] {
  return [
    `Reproduce: ${getPretty(x, '/collectors/trades?limit=1')}`,
    `Mirror off or port busy: start with the mirror on (no --no-mirror), pick a free --port, or use "Check mirror port" on the Debug view to see who holds it (\`ss -ltnp "sport = :${x.mirrorPort}"\`).`,
    'The API answers but is empty while storage holds trades: report it with the diagnostics report (the API and the collectors do not share the storage).'
  ]
}

/** The host name (no port, no IPv6 brackets) and the port a WebSocket URL connects to. */
function endpointOf(url: string): Endpoint {
  try {
    const u = new URL(url)
    const port = u.port ? Number(u.port) : u.protocol === 'wss:' ? 443 : 80
    return { host: u.hostname.replace(/^\[(.*)\]$/, '$1'), port }
  } catch {
    return { host: url, port: 443 }
  }
}

/** Persistence turned off by the user: how to turn it on. */
export function persistOffFixes(): string[] {
  return [
    'Trades are kept in memory only: a restart or a crash loses them. To keep them on disk, start serve or the demo without --no-persist (and MDM_NO_PERSIST unset), or turn persistence on in Settings.'
  ]
}

/** The durable tier fails or lags; `code`: its last error's code. */
export function persistFixes(x: FixContext, dataDir: string | null, code: string | null): string[] {
  const dir = dataDir ?? 'the data dir'
  const quoted = dataDir === null ? null : `'${dataDir.replace(/'/g, `'\\''`)}'`
  return [
    ...(code === 'persist_locked'
      ? [
          `Another engine holds ${dir}: stop it (serve, demo or the desktop app), or start this one with its own --data-dir.`
        ]
      : []),
    quoted === null
      ? 'Check the disk under the data dir: free space, write permission.'
      : `Check the disk: \`df -h ${quoted}\` (free space) and \`ls -ld ${quoted}\` (writable by this user).`,
    `${getPretty(x, '/collectors/storage/stats')} shows persist: state, queue_depth, lag_ms, not_persisted and last_error with its code; collection goes on in memory meanwhile.`,
    'The log piped through `grep -E "persist|data dir"` shows when it started failing and why.',
    `Recover: once the disk is fixed, restart the engine (Debug view → "Restart engine", or ${post(x, '/engine/restart')}); trades that could not be written are counted in not_persisted.`
  ]
}
