// The parsing stages: frames parse, and trades come out of them.

import * as fixes from './fixes'
import { each, PARSE_ERRORS_RECENT_MS, type ItemRule } from './rule'
import { ago, at, isoTime, plural } from './words'

export const parsedCorrectly: ItemRule = {
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
      // Counted and stamped together by the collector, so a parse error always has its time.
      const last = c.lastParseErrorAt ?? ev.now
      const evidence = `${plural(s.parse_errors, 'parse error')} in ${plural(s.messages_received, 'message')}; last at ${at(last, ev.now)}: ${c.lastParseError ?? '(no message)'}`
      if (ev.now - last < PARSE_ERRORS_RECENT_MS) return { status: 'fail', evidence, facts, fix: fixes.parseFixes(x) }
      return {
        status: 'pass',
        evidence: `${evidence} (none for ${ago(last, ev.now).replace(' ago', '')})`,
        facts,
        fix: []
      }
    })
}

export const tradesCreated: ItemRule = {
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
