// The storage stages: the collector holds the manager's storage, stores without errors, and the
// stats account for every trade.

import * as fixes from './fixes'
import { each, type ItemRule, type Verdict } from './rule'
import { at, isoTime, plural } from './words'

export const storageHandler: ItemRule = {
  id: 'storage_handler',
  title: 'Storage handler present',
  depends_on: [],
  link: { view: 'storage' },
  judge: (ev, x) =>
    each(ev, (c): Verdict =>
      c.storageId === null
        ? {
            status: 'fail',
            evidence: `${c.status.name} holds no storage; the manager's is ${ev.managerStorageId}`,
            facts: { storage_id: null, manager_storage_id: ev.managerStorageId },
            fix: fixes.storageHandlerFixes(x)
          }
        : {
            status: 'pass',
            evidence: `${c.status.name} writes to ${c.storageClass ?? 'storage'} ${c.storageId}`,
            facts: { storage_id: c.storageId, storage_class: c.storageClass },
            fix: []
          }
    )
}

export const sameStorage: ItemRule = {
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

export const noStorageErrors: ItemRule = {
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

export const tradesInStats: ItemRule = {
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
