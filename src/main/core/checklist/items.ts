// The guide's ten checklist items: each judged from evidence alone. A rule only says what it sees;
// dependencies and "blocked by" are applied afterwards (evaluate.ts).

import type { ChecklistItemId, ChecklistLink, ChecklistStatus } from '../../../shared/dto'
import type { ChecklistEvidence, CollectorEvidence } from './evidence'
import * as fixes from './fixes'
import type { FixContext } from './fixes'
import { ago, at, isoTime, plural } from './words'

export interface Verdict {
  status: ChecklistStatus
  evidence: string
  facts: Record<string, string | number | boolean | null>
  /** Hints when the item does not pass. */
  fix: string[]
}

export interface ItemRule {
  id: ChecklistItemId
  title: string
  depends_on: ChecklistItemId[]
  link: ChecklistLink | null
  judge(ev: ChecklistEvidence, x: FixContext): Verdict
}

/** Last message older than this: the feed is silent (the collector's watchdog acts on its own timer). */
export const SILENT_AFTER_MS = 60_000
/** Parse errors this recent still fail the item; older ones are reported but pass. */
export const PARSE_ERRORS_RECENT_MS = 5 * 60_000

const OPEN_PHASES = new Set(['open', 'subscribing', 'streaming', 'stale'])

function each(ev: ChecklistEvidence, judge: (c: CollectorEvidence) => Verdict): Verdict {
  if (ev.collectors.length === 0) {
    return { status: 'fail', evidence: 'no collector is configured', facts: { collectors: 0 }, fix: [] }
  }
  const verdicts = ev.collectors.map(judge)
  const rank: Record<ChecklistStatus, number> = { fail: 3, pending: 2, skipped: 1, pass: 0 }
  const worst = verdicts.reduce((a, b) => (rank[b.status] > rank[a.status] ? b : a))
  if (verdicts.length === 1) return worst
  return {
    status: worst.status,
    evidence: verdicts.map((v, i) => `${ev.collectors[i].status.name}: ${v.evidence}`).join('; '),
    facts: worst.facts,
    fix: worst.fix
  }
}

const connected: ItemRule = {
  id: 'connected',
  title: 'WebSocket connected',
  depends_on: [],
  link: { view: 'connection' },
  judge: (ev, x) => {
    if (!ev.engineRunning)
      return {
        status: 'fail',
        evidence: 'the engine is not running',
        facts: { engine_running: false },
        fix: ['Start the engine, or use "Restart engine" on the Debug view.']
      }
    return each(ev, ({ status: s }) => {
      const facts = {
        url: s.url,
        phase: s.phase,
        reconnect_count: s.reconnect_count,
        connected_since: s.connected_since,
        last_error_code: s.last_error?.code ?? null,
        last_error: s.last_error?.message ?? null,
        next_reconnect_at: s.next_reconnect_at
      }
      if (OPEN_PHASES.has(s.phase) && s.connected_since !== null) {
        return {
          status: 'pass',
          evidence: `open to ${s.url} since ${at(s.connected_since, ev.now)}; ${plural(s.reconnect_count, 'reconnect')} so far`,
          facts,
          fix: []
        }
      }
      const err = s.last_error
      const close = s.last_close
        ? `; last close code ${s.last_close.code}${s.last_close.reason ? ` "${s.last_close.reason}"` : ''}`
        : ''
      const next = s.next_reconnect_at ? `; next attempt ${isoTime(s.next_reconnect_at)}` : ''
      const fix = fixes.connectionFixes(x, err?.code ?? null, err?.message ?? null)
      if (err === null && s.phase === 'connecting' && s.reconnect_count === 0)
        return { status: 'pending', evidence: `connecting to ${s.url} (first attempt)`, facts, fix }
      if (s.phase === 'stopped' || s.phase === 'idle')
        return { status: 'fail', evidence: `collector ${s.name} is stopped`, facts, fix }
      const why = err ? `${err.code}: ${err.message} at ${at(err.at, ev.now)}` : 'no error reported yet'
      return {
        status: 'fail',
        evidence: `not connected to ${s.url} (${s.status}, ${plural(s.reconnect_count + 1, 'attempt')} so far): ${why}${close}${next}`,
        facts,
        fix
      }
    })
  }
}

const subscriptionConfirmed: ItemRule = {
  id: 'subscription_confirmed',
  title: 'Subscription confirmed',
  depends_on: ['connected'],
  link: { view: 'connection' },
  judge: (ev, x) =>
    each(ev, ({ status: s }) => {
      const topics = s.subscriptions
      const failed = topics.filter((t) => t.state === 'failed' || t.state === 'timeout')
      const pending = topics.filter((t) => t.state === 'pending')
      const ok = topics.filter((t) => t.state === 'subscribed')
      const facts = {
        topics: topics.length,
        subscribed: ok.length,
        failed: failed.length,
        pending: pending.length,
        first_refusal: failed[0]?.reason ?? null
      }
      const confirmed = ok
        .map((t) => `${t.topic} confirmed${t.acked_at ? ` at ${isoTime(t.acked_at)}` : ''}`)
        .join(', ')
      if (failed.length > 0) {
        const refused = failed
          .map((t) =>
            t.state === 'timeout'
              ? `${t.topic}: ${t.reason ?? 'no reply'}`
              : `${t.topic} refused by the exchange: "${t.reason ?? ''}"`
          )
          .join('; ')
        return {
          status: 'fail',
          evidence: refused + (confirmed ? `; ${confirmed}` : ''),
          facts,
          fix: fixes.subscriptionFixes(x)
        }
      }
      if (pending.length > 0 || ok.length === 0) {
        const sent = pending.find((t) => t.requested_at !== null)
        return {
          status: 'pending',
          evidence: sent
            ? `subscribe for ${pending.map((t) => t.topic).join(', ')} sent at ${at(sent.requested_at ?? ev.now, ev.now)}, waiting for the reply`
            : 'no subscribe request sent on this connection yet',
          facts,
          fix: fixes.subscriptionFixes(x)
        }
      }
      return { status: 'pass', evidence: confirmed, facts, fix: [] }
    })
}

const messagesReceived: ItemRule = {
  id: 'messages_received',
  title: 'Messages received',
  depends_on: ['connected'],
  link: { view: 'connection' },
  judge: (ev, x) =>
    each(ev, ({ status: s }) => {
      const facts = {
        messages_received: s.messages_received,
        last_message_at: s.last_message_at,
        messages_per_s: s.messages_per_s
      }
      if (s.messages_received === 0 || s.last_message_at === null)
        return { status: 'pending', evidence: 'no message received yet', facts, fix: fixes.messagesFixes(x) }
      const last = `${plural(s.messages_received, 'message')}, the last at ${at(s.last_message_at, ev.now)}`
      if (ev.now - s.last_message_at > SILENT_AFTER_MS && s.connected_since !== null)
        return { status: 'fail', evidence: `silent: ${last}`, facts, fix: fixes.messagesFixes(x) }
      return { status: 'pass', evidence: `${last} (${s.messages_per_s}/s)`, facts, fix: [] }
    })
}

const parsedCorrectly: ItemRule = {
  id: 'parsed_correctly',
  title: 'Messages parsed correctly',
  depends_on: ['messages_received'],
  link: { view: 'logs', code: 'parse_error' },
  judge: (ev, x) =>
    each(ev, (c) => {
      const s = c.status
      const facts = {
        parse_errors: s.parse_errors,
        messages_received: s.messages_received,
        last_parse_error: c.lastParseError,
        last_parse_error_at: c.lastParseErrorAt
      }
      if (s.messages_received === 0)
        return { status: 'pending', evidence: 'nothing to parse yet', facts, fix: fixes.parseFixes(x) }
      if (s.parse_errors === 0)
        return { status: 'pass', evidence: `${plural(s.messages_received, 'message')}, 0 parse errors`, facts, fix: [] }
      const when =
        c.lastParseErrorAt === null ? 'time unknown (the log no longer holds it)' : at(c.lastParseErrorAt, ev.now)
      const evidence = `${plural(s.parse_errors, 'parse error')} in ${plural(s.messages_received, 'message')}; last at ${when}: ${c.lastParseError ?? '(no message)'}`
      const recent = c.lastParseErrorAt === null || ev.now - c.lastParseErrorAt < PARSE_ERRORS_RECENT_MS
      if (recent) return { status: 'fail', evidence, facts, fix: fixes.parseFixes(x) }
      return {
        status: 'pass',
        evidence: `${evidence} (none for ${ago(c.lastParseErrorAt ?? ev.now, ev.now).replace(' ago', '')})`,
        facts,
        fix: []
      }
    })
}

const tradesCreated: ItemRule = {
  id: 'trades_created',
  title: 'Trade entities created',
  depends_on: ['subscription_confirmed', 'parsed_correctly'],
  link: { view: 'connection' },
  judge: (ev, x) =>
    each(ev, (c) => {
      const s = c.status
      const facts = {
        trades_parsed: c.tradesReceived,
        trades_processed: s.trades_processed,
        rejected: s.trades_rejected,
        duplicates: s.duplicates_dropped,
        last_trade_at: s.last_trade_at
      }
      if (c.tradesReceived === 0) {
        const status = s.phase === 'stale' ? 'fail' : 'pending'
        const since = s.connected_since ? ` (connected ${ago(s.connected_since, ev.now)})` : ''
        return { status, evidence: `no trade parsed yet${since}`, facts, fix: fixes.tradesFixes(x) }
      }
      const last = s.last_trade_at ? `, the newest matched at ${isoTime(s.last_trade_at)}` : ''
      return {
        status: 'pass',
        evidence: `${plural(c.tradesReceived, 'trade')} parsed (${s.trades_processed} new, ${s.duplicates_dropped} duplicates, ${s.trades_rejected} rejected)${last}`,
        facts,
        fix: []
      }
    })
}

const storageHandler: ItemRule = {
  id: 'storage_handler',
  title: 'Storage handler present',
  depends_on: [],
  link: { view: 'storage' },
  judge: (ev) =>
    each(ev, (c): Verdict =>
      c.storageId === null
        ? {
            status: 'fail',
            evidence: `${c.status.name} holds no storage; the manager's is ${ev.managerStorageId}`,
            facts: { storage_id: null, manager_storage_id: ev.managerStorageId },
            fix: fixes.storageHandlerFixes()
          }
        : {
            status: 'pass',
            evidence: `${c.status.name} writes to ${c.storageClass ?? 'storage'} ${c.storageId}`,
            facts: { storage_id: c.storageId, storage_class: c.storageClass },
            fix: []
          }
    )
}

const sameStorage: ItemRule = {
  id: 'same_storage_instance',
  title: "Same storage instance as the manager's",
  depends_on: ['storage_handler'],
  link: { view: 'storage' },
  judge: (ev, x) =>
    each(ev, (c) => {
      const facts = { collector_storage_id: c.storageId, manager_storage_id: ev.managerStorageId }
      return c.isManagerStorage
        ? { status: 'pass', evidence: `${c.storageId} is the manager's storage`, facts, fix: [] }
        : {
            status: 'fail',
            evidence: `collector holds ${c.storageId ?? 'nothing'}, the manager (and the API) read ${ev.managerStorageId}`,
            facts,
            fix: fixes.sameInstanceFixes(x)
          }
    })
}

const noStorageErrors: ItemRule = {
  id: 'no_storage_errors',
  title: 'No storage exceptions',
  depends_on: ['same_storage_instance'],
  link: { view: 'storage' },
  judge: (ev, x) => {
    const { count, last } = ev.storageErrors
    const facts = {
      storage_errors: count,
      last_error: last?.message ?? null,
      last_error_at: last?.at ?? null,
      newest_stored_at: ev.newestStoredReceivedAt
    }
    if (count === 0 || last === null) return { status: 'pass', evidence: '0 storage errors', facts, fix: [] }
    const errText = `${plural(count, 'storage error')}, the last at ${at(last.at, ev.now)}: ${last.message}`
    // Recovered once a trade was stored after the last error.
    if (ev.newestStoredReceivedAt !== null && ev.newestStoredReceivedAt >= last.at)
      return {
        status: 'pass',
        evidence: `${errText}; trades stored again since ${isoTime(ev.newestStoredReceivedAt)}`,
        facts,
        fix: []
      }
    return { status: 'fail', evidence: `${errText}; no trade stored since`, facts, fix: fixes.storageErrorFixes(x) }
  }
}

const tradesInStats: ItemRule = {
  id: 'trades_in_stats',
  title: 'Trades in storage stats',
  depends_on: ['trades_created', 'no_storage_errors'],
  link: { view: 'storage' },
  judge: (ev, x) => {
    const st = ev.stats
    const a = st.accounting
    const facts = {
      total_trades: st.total_trades,
      symbols: Object.keys(st.trades_by_symbol).length,
      received: a.received,
      balanced: a.balanced,
      cleared: st.cleared
    }
    const sum = `received ${a.received} = held ${a.stored} + evicted ${a.evicted} + duplicates ${a.duplicates} + rejected ${a.rejected} + cleared ${a.cleared}`
    if (!a.balanced)
      return { status: 'fail', evidence: `accounting does not balance: ${sum}`, facts, fix: fixes.statsFixes(x) }
    if (st.total_trades === 0) {
      const why =
        st.cleared > 0 && a.received === a.cleared + a.evicted + a.duplicates + a.rejected
          ? ' (storage was cleared)'
          : ''
      return { status: 'pending', evidence: `storage holds 0 trades${why}; ${sum}`, facts, fix: fixes.statsFixes(x) }
    }
    const bySymbol = Object.entries(st.trades_by_symbol)
      .map(([s, n]) => `${s} ${n}`)
      .join(', ')
    const newest = st.newest_timestamp ? `, newest ${isoTime(st.newest_timestamp)}` : ''
    return {
      status: 'pass',
      evidence: `${plural(st.total_trades, 'trade')} held (${bySymbol})${newest}; ${sum}`,
      facts,
      fix: []
    }
  }
}

const retrievable: ItemRule = {
  id: 'retrievable_via_api',
  title: 'Trades retrievable via API',
  depends_on: ['trades_in_stats'],
  link: { view: 'debug' },
  judge: (ev, x) => {
    const m = ev.mirror
    const probe = ev.api
    if (probe === null) {
      const why =
        m.state === 'off'
          ? 'the REST mirror is off (--no-mirror or not started)'
          : m.state === 'starting'
            ? 'the REST mirror is still starting'
            : `the REST mirror is not listening (${m.state}${m.error ? `: ${m.error}` : ''})`
      return {
        status: 'skipped',
        evidence: `${why}; nothing to request`,
        facts: { mirror: m.state },
        fix: fixes.apiFixes(x)
      }
    }
    const facts = { url: probe.url, http_status: probe.status, duration_ms: probe.duration_ms, count: probe.count }
    const req = `GET ${probe.url}`
    if (probe.error !== null)
      return {
        status: 'fail',
        evidence: `${req} failed after ${probe.duration_ms} ms: ${probe.error}`,
        facts,
        fix: fixes.apiFixes(x)
      }
    if ((probe.count ?? 0) === 0)
      return {
        status: ev.stats.total_trades > 0 ? 'fail' : 'pending',
        evidence: `${req} → ${probe.status} in ${probe.duration_ms} ms with 0 trades (storage holds ${ev.stats.total_trades})`,
        facts,
        fix: fixes.apiFixes(x)
      }
    return {
      status: 'pass',
      evidence: `${req} → ${probe.status} in ${probe.duration_ms} ms: ${probe.first ?? ''}`,
      facts,
      fix: []
    }
  }
}

/** In pipeline order: dependencies always come earlier. */
export const CHECKLIST_RULES: readonly ItemRule[] = [
  connected,
  subscriptionConfirmed,
  messagesReceived,
  parsedCorrectly,
  tradesCreated,
  storageHandler,
  sameStorage,
  noStorageErrors,
  tradesInStats,
  retrievable
]
