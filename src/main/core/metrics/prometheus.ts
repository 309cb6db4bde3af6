import type { BybitTradesCollector } from '../collector/bybit-trades-collector'
import type { GapTracker } from '../collector/gaps'
import type { TradeStorage } from '../storage/trade-storage'

/** Label values escaped per the text exposition format 0.0.4. */
function label(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')
}

class Exposition {
  private readonly lines: string[] = []
  family(name: string, type: 'counter' | 'gauge' | 'histogram', help: string): this {
    this.lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`)
    return this
  }
  sample(name: string, labels: Record<string, string>, value: number): this {
    const keys = Object.keys(labels)
    const l = keys.length > 0 ? `{${keys.map((k) => `${k}="${label(labels[k])}"`).join(',')}}` : ''
    this.lines.push(`${name}${l} ${Number.isFinite(value) ? value : 0}`)
    return this
  }
  text(): string {
    return this.lines.join('\n') + '\n'
  }
}

export interface MetricsSources {
  collectors: BybitTradesCollector[]
  storage: TradeStorage
  gaps: GapTracker
  /** Trades the event batcher dropped over its per-tick cap (the UI tape skipped them; storage did not). */
  eventTradesDropped: number
}

export function renderMetrics(src: MetricsSources): string {
  const x = new Exposition()
  const per = (
    name: string,
    type: 'counter' | 'gauge',
    help: string,
    value: (c: BybitTradesCollector) => number
  ): void => {
    x.family(name, type, help)
    for (const c of src.collectors) x.sample(name, { collector: c.name, category: c.category }, value(c))
  }
  per('mdm_messages_received_total', 'counter', 'WebSocket frames received.', (c) => c.counters.messages)
  per('mdm_trades_received_total', 'counter', 'Trades received (valid or not).', (c) => c.counters.tradesReceived)
  per('mdm_trades_stored_total', 'counter', 'Trades newly stored.', (c) => c.counters.tradesStored)
  per('mdm_parse_errors_total', 'counter', 'Frames that could not be parsed.', (c) => c.counters.parseErrors)
  per('mdm_trades_rejected_total', 'counter', 'Trades refused by validation.', (c) => c.counters.rejected)
  per('mdm_duplicates_dropped_total', 'counter', 'Trades dropped as duplicates.', (c) => c.counters.duplicates)
  per('mdm_storage_errors_total', 'counter', 'Stores that failed.', (c) => c.counters.storageErrors)
  per('mdm_reconnects_total', 'counter', 'Reconnection attempts.', (c) => c.status().reconnect_count)
  per(
    'mdm_connect_budget_used',
    'gauge',
    'Connection attempts in the rolling budget window.',
    (c) => c.status().connect_budget.used
  )
  per(
    'mdm_connect_budget_limit',
    'gauge',
    'Connection attempts allowed per window (Bybit: 500 per 5 min).',
    (c) => c.status().connect_budget.limit
  )
  per('mdm_collector_active', 'gauge', '1 when the collector is connected and subscribed.', (c) => (c.isActive ? 1 : 0))
  x.family('mdm_connection_up', 'gauge', '1 when the connection (one per category and shard) is connected.')
  x.family('mdm_connection_topics', 'gauge', 'Topics a connection carries, by subscription state.')
  for (const c of src.collectors) {
    for (const k of c.connectionStatuses()) {
      const labels = { collector: c.name, connection: k.id, category: k.category }
      x.sample('mdm_connection_up', labels, k.state === 'connected' ? 1 : 0)
      x.sample('mdm_connection_topics', { ...labels, state: 'subscribed' }, k.subscribed)
      x.sample('mdm_connection_topics', { ...labels, state: 'failed' }, k.failed)
    }
  }
  x.family('mdm_gaps_total', 'counter', 'Gaps recorded (disconnects with subscribed topics).')
  x.sample('mdm_gaps_total', {}, src.gaps.totalOpened)
  x.family('mdm_gaps_open', 'gauge', 'Gaps not yet closed by a resubscribe.')
  x.sample('mdm_gaps_open', {}, src.gaps.openCount())
  const stats = src.storage.stats()
  x.family('mdm_storage_trades', 'gauge', 'Trades held in storage.')
  x.sample('mdm_storage_trades', {}, stats.total_trades)
  x.family('mdm_storage_fill_ratio', 'gauge', 'Trades held per symbol divided by the per-symbol limit.')
  for (const [symbol, ratio] of Object.entries(src.storage.fillRatios()))
    x.sample('mdm_storage_fill_ratio', { symbol }, ratio)
  x.family('mdm_storage_evicted_total', 'counter', 'Trades evicted by the ring limit.')
  x.sample('mdm_storage_evicted_total', {}, stats.evicted)
  x.family(
    'mdm_storage_evicted_by_reason_total',
    'counter',
    'Trades evicted: cap (per-symbol limit) or budget (memory).'
  )
  x.sample('mdm_storage_evicted_by_reason_total', { reason: 'cap' }, stats.memory.evicted_by_cap)
  x.sample('mdm_storage_evicted_by_reason_total', { reason: 'budget' }, stats.memory.evicted_by_budget)
  x.family('mdm_storage_memory_bytes', 'gauge', 'Bytes the held trades take (allocated columns).')
  x.sample('mdm_storage_memory_bytes', {}, stats.memory.used_bytes)
  x.family('mdm_storage_memory_budget_bytes', 'gauge', 'The memory budget for held trades.')
  x.sample('mdm_storage_memory_budget_bytes', {}, stats.memory.budget_bytes)
  x.family('mdm_raw_frames', 'gauge', 'Raw frames kept.')
  x.sample('mdm_raw_frames', {}, stats.raw_frames.count)
  x.family('mdm_raw_frame_bytes', 'gauge', 'Raw frame bytes kept.')
  x.sample('mdm_raw_frame_bytes', {}, stats.raw_frames.bytes)
  x.family('mdm_event_trades_dropped_total', 'counter', 'Trades left out of UI event batches by the batch cap.')
  x.sample('mdm_event_trades_dropped_total', {}, src.eventTradesDropped)
  x.family('mdm_exchange_latency_seconds', 'histogram', 'Local receipt time minus exchange match time (T).')
  for (const c of src.collectors) {
    const h = c.counters.latency
    const labels = { collector: c.name, category: c.category }
    for (const b of h.cumulative()) x.sample('mdm_exchange_latency_seconds_bucket', { ...labels, le: b.le }, b.count)
    x.sample('mdm_exchange_latency_seconds_sum', labels, h.sumSeconds)
    x.sample('mdm_exchange_latency_seconds_count', labels, h.count)
  }
  return x.text()
}
