import type { CollectorStatus, HealthReport, HealthState, StorageStats } from '../../shared/dto'

/**
 * healthy: every collector connected, subscribed and balanced storage.
 * degraded: collecting, but something needs a look (stale feed, refused topics, open gaps, storage errors).
 * unhealthy: not collecting (stopped, reconnecting, nothing subscribed) or the accounting does not balance.
 */
export function assessHealth(
  started: boolean,
  startedAt: number,
  now: number,
  collectors: Record<string, CollectorStatus>,
  storage: StorageStats,
  storageErrors: number
): HealthReport {
  const unhealthy: string[] = []
  const degraded: string[] = []
  if (!started) unhealthy.push('engine not started')
  for (const c of Object.values(collectors)) {
    if (c.status === 'stopped') unhealthy.push(`collector ${c.name} is stopped`)
    else if (c.status === 'paused') unhealthy.push(`collector ${c.name} is paused (collection paused by the user)`)
    else if (c.status === 'connecting' || c.status === 'reconnecting') {
      const next = c.next_reconnect_at ? `, next attempt at ${new Date(c.next_reconnect_at).toISOString()}` : ''
      unhealthy.push(`collector ${c.name} is ${c.status}${next}`)
    } else if (!c.is_active) unhealthy.push(`collector ${c.name} has no confirmed subscription`)
    if (c.status === 'stale') degraded.push(`collector ${c.name} received no trades recently (stale)`)
    for (const t of c.subscriptions) {
      if (t.state === 'failed' || t.state === 'timeout')
        degraded.push(`${t.topic} ${t.state}: ${t.reason ?? ''}`.trim())
    }
    if (c.open_gaps > 0) degraded.push(`collector ${c.name} has ${c.open_gaps} open gap(s)`)
  }
  if (!storage.accounting.balanced) unhealthy.push('storage accounting does not balance')
  if (storageErrors > 0) degraded.push(`${storageErrors} storage error(s)`)
  const status: HealthState = unhealthy.length > 0 ? 'unhealthy' : degraded.length > 0 ? 'degraded' : 'healthy'
  const summary: HealthReport['collectors'] = {}
  for (const c of Object.values(collectors)) {
    summary[c.name] = {
      status: c.status,
      is_active: c.is_active,
      trades_processed: c.trades_processed,
      last_message_at: c.last_message_at,
      reconnect_count: c.reconnect_count
    }
  }
  return {
    status,
    timestamp: now,
    uptime_s: Math.round((now - startedAt) / 1000),
    reasons: [...unhealthy, ...degraded],
    collectors: summary,
    storage: {
      total_trades: storage.total_trades,
      symbols: Object.keys(storage.trades_by_symbol).length,
      balanced: storage.accounting.balanced
    }
  }
}
