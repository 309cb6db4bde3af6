// The guide's fix hints per item, written for the person at the keyboard: what to look at, the exact
// command, and which recovery action to take. Commands use the real URLs and ports of this run.

import {
  SUBSCRIPTION_ERROR_CODES,
  type CollectorErrorCode,
  type SubscriptionErrorCode
} from '../../../shared/error-codes'
import { connectionHint, subscriptionHint } from './code-hints'
import type { ChecklistEvidence } from './evidence'
import { httpFormOf } from './words'

export interface FixContext {
  wsUrl: string
  collector: string
  api: string
}

export function fixContext(ev: Omit<ChecklistEvidence, 'api'>): FixContext {
  const c = ev.collectors[0]
  return {
    wsUrl: c ? c.status.url : 'wss://stream.bybit.com/v5/public/spot',
    collector: c ? c.status.name : 'bybit_trades',
    api: (ev.mirror.url ?? `http://127.0.0.1:${ev.mirror.port}`).replace('127.0.0.1', 'localhost')
  }
}

const reconnect = (x: FixContext): string =>
  `Recover: "Reconnect now" on the Connection view, or curl -X POST -H "X-MDM-Token: $MDM_TOKEN" ${x.api}/collectors/${x.collector}/reconnect`

/** Hints that depend on how the connection failed: the error code the collector recorded. */
export function connectionFixes(x: FixContext, errorCode: CollectorErrorCode | null): string[] {
  const hint = errorCode === null ? null : connectionHint(errorCode, safeHost(x.wsUrl))
  return [
    ...(hint === null ? [] : [hint]),
    'Run the network diagnostics (Debug view → "Run network diagnostics", or npm run doctor) to see which step fails: DNS, TCP, TLS, upgrade.',
    `Try the upgrade by hand: curl -i -N -H "Connection: Upgrade" -H "Upgrade: websocket" -H "Sec-WebSocket-Version: 13" -H "Sec-WebSocket-Key: SGVsbG8sIHdvcmxkIQ==" ${httpFormOf(x.wsUrl)} (expect 101 Switching Protocols).`,
    `Read the socket errors: grep -E "WebSocket connection error|WebSocket closed" in the log, or the Logs view filtered to errors; curl ${x.api}/collectors/status/${x.collector} shows last_error and next_reconnect_at.`,
    'The collector does not use HTTPS_PROXY: where only a proxy reaches the internet, outbound 443 to stream.bybit.com must be allowed.',
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
    `Per-topic state and the refusal: curl ${x.api}/collectors/status/${x.collector} | python -m json.tool (subscriptions[].state and .reason).`,
    `grep -E "Subscribing to|Successfully subscribed|Subscription to .* failed" in the log.`,
    reconnect(x)
  ]
}

export function messagesFixes(x: FixContext): string[] {
  return [
    'Connected and subscribed but nothing arrives: the exchange stopped sending or something in between buffers. The watchdog terminates a silent socket and reconnects.',
    `Watch the counters move: watch -n1 "curl -s ${x.api}/collectors/status/${x.collector} | python -m json.tool | grep -E 'messages_received|last_message_at'"`,
    'Check the pongs: last_pong_at should advance every 20 s; if it does not, the connection is dead.',
    reconnect(x)
  ]
}

export function parseFixes(x: FixContext): string[] {
  return [
    'The exact parser error and a count are above; the raw frames are kept: curl ' +
      `${x.api}/debug/storage shows the raw-frame ring, and --record FILE writes every frame to NDJSON for a bug report.`,
    'See them in context: the Logs view filtered to parse errors, or grep "Parse error" in the log.',
    'A wrong category for the URL (e.g. a linear URL with category spot) produces frames the parser rejects: check Settings.',
    `Recover: after fixing the cause, restart the collector (its counters start over): curl -X POST -H "X-MDM-Token: $MDM_TOKEN" ${x.api}/collectors/${x.collector}/restart`
  ]
}

export function tradesFixes(x: FixContext): string[] {
  return [
    'Subscribed but no trade yet: a quiet symbol can be silent for minutes; a liquid one (BTCUSDT) trades every second.',
    `Compare with the exchange: curl "https://api.bybit.com/v5/market/recent-trade?category=spot&symbol=BTCUSDT&limit=1" (or the REST URL in Settings).`,
    'If trades are rejected as invalid, the Logs view shows the first reason (code invalid_trade).',
    reconnect(x)
  ]
}

export function storageHandlerFixes(): string[] {
  return [
    'The collector was created without the manager handing it a storage instance: this is a wiring bug, not a network problem.',
    'Restart the engine (Debug view → "Restart engine", or POST /engine/restart) so the manager builds the collectors again; report it with the diagnostics report.'
  ]
}

export function sameInstanceFixes(x: FixContext): string[] {
  return [
    `The collector writes to a different storage than the one the API reads: compare the ids in curl ${x.api}/debug/storage (collector_${x.collector}_storage vs manager_storage_id).`,
    'Restart the engine so the manager hands its one storage instance to every collector; report it with the diagnostics report.'
  ]
}

export function storageErrorFixes(x: FixContext): string[] {
  return [
    'The exact storage error is quoted above; grep "Storage error" in the log, or the Logs view filtered to storage errors.',
    `curl ${x.api}/debug/storage shows storage_errors and last_storage_error; the accounting counts each failed trade as rejected.`,
    'Memory pressure: check the Resources panel (RSS, heap) and lower the per-symbol limit in Settings.',
    'Recover: once the cause is gone the item passes with the next stored trade; clear storage (it asks for confirmation) if the store is inconsistent, or restart the engine.'
  ]
}

export function statsFixes(x: FixContext): string[] {
  return [
    `curl ${x.api}/collectors/storage/stats | python -m json.tool: total_trades, trades_by_symbol and the accounting (received = stored + evicted + duplicates + rejected + cleared).`,
    'Trades parsed but none held: look at duplicates_dropped and rejected (too many symbols, invalid trades) and at "No storage exceptions" above.',
    'If storage was just cleared, the next trade fills it again.'
  ]
}

export function apiFixes(x: FixContext): string[] {
  return [
    `Reproduce: curl "${x.api}/collectors/trades?limit=1" | python -m json.tool`,
    'Mirror off or port busy: start with the mirror on (no --no-mirror), pick a free --port, or use "Check mirror port" on the Debug view to see who holds it (ss -ltnp | grep :8000).',
    'The API answers but is empty while storage holds trades: report it with the diagnostics report (the API and the collectors do not share the storage).'
  ]
}

function safeHost(url: string): string {
  try {
    const u = new URL(url)
    const port = u.port || (u.protocol === 'wss:' ? '443' : '80')
    return `${u.hostname}:${port}`
  } catch {
    return url
  }
}
