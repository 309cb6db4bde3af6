// The last stage: a trade comes back over the mirror's API.

import * as fixes from './fixes'
import type { ItemRule } from './rule'

export const retrievable: ItemRule = {
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
