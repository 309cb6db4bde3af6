// The bench's results: one flat JSON object (numbers, nulls for parts not run), the budgets with
// pass/fail, and the table printed before the JSON line. A part that ran must have measured every
// one of its figures: a null there is a failure of that part, never a result.
import type { IngestSummary } from './ingest'
import type { HeapResult, IngestResult, MemorySample, RateRunResult } from './messages'
import type { Part } from './options'
import { ratio, round, slope } from './stats'
import type { UiResult } from './ui'
import type { PersistMeasures } from './persist'
import type { PublishBench } from './publish'
import type { ConnectionsResult } from './connections'

export interface Measurements {
  ingest: {
    ours?: IngestSummary
    ccxt?: IngestSummary
    json_parse?: IngestSummary
    /** Median of ours/ceiling over rounds run back to back: robust to machine noise. */
    pairedRatioOursJson?: number | null
  }
  memory?: { samples: MemorySample[]; result: IngestResult; capacity: number; trades: number }
  /** Heap per held trade across many symbols: the storage, and the same trades as objects. */
  heap?: { columns: HeapResult; objects: HeapResult }
  live?: { at1k: RateRunResult; at20k: RateRunResult }
  /** 500 symbols streaming, Zipf-skewed. */
  ui?: { at2k: UiResult; at10k: UiResult; at50k: UiResult }
  persist?: PersistMeasures
  publish?: PublishBench & { ingestOffTps: number | null; ingestOnTps: number | null }
  connections?: ConnectionsResult
}

export interface Budget {
  key: string
  what: string
  limit: number
  /** 'min': the value must be at least the limit; 'max': at most. */
  kind: 'min' | 'max'
  /**
   * Measurement slack, stated in the table: rAF intervals at 60 Hz read 16.6–16.8 ms (the page's
   * clock is coarsened to 0.1 ms), so a p95 of 16.8 is one vsync, not a missed frame.
   */
  tolerance?: number
}

export const BUDGETS: readonly Budget[] = [
  { key: 'ratio_ours_ccxt', what: 'ingest ours / ccxt', limit: 10, kind: 'min' },
  { key: 'ratio_ours_json_parse', what: 'ingest ours / JSON.parse', limit: 0.4, kind: 'min' },
  { key: 'heap_growth_mb', what: 'heap growth 1st→2nd million (MB)', limit: 5, kind: 'max' },
  { key: 'heap_bytes_per_trade', what: 'heap per held trade (bytes)', limit: 120, kind: 'max' },
  { key: 'loop_delay_p99_ms', what: 'event-loop delay p99 @20k/s (ms)', limit: 20, kind: 'max' },
  { key: 'latency_p99_ms', what: 'exchange→stored p99 @20k/s (ms)', limit: 25, kind: 'max' },
  { key: 'ui_frame_p95_ms_2k', what: 'UI frame p95 @2k/s (ms)', limit: 16.7, kind: 'max', tolerance: 0.2 },
  { key: 'ui_frame_max_ms_10k', what: 'UI frame max @10k/s (ms)', limit: 50, kind: 'max' },
  { key: 'ratio_ours_json_parse_persist', what: 'ingest with persistence / JSON.parse', limit: 0.4, kind: 'min' },
  { key: 'persist_lag_p99_ms', what: 'write queue lag p99 @20k/s (ms)', limit: 1000, kind: 'max' },
  { key: 'disk_bytes_per_trade', what: 'bytes on disk per trade (1M trades)', limit: 24, kind: 'max' },
  { key: 'publish_tps', what: 'NATS acknowledged trades/s', limit: 10_000, kind: 'min' },
  { key: 'publish_lag_p99_ms_2k', what: 'publish lag p99 @2k/s (ms)', limit: 1000, kind: 'max' },
  { key: 'ui_frame_p95_ms_10k', what: 'UI frame p95 @10k/s (ms)', limit: 16.7, kind: 'max', tolerance: 0.2 },
  { key: 'ui_frame_max_ms_50k', what: 'UI frame max @50k/s (ms)', limit: 50, kind: 'max' },
  {
    key: 'loop_delay_p99_ms_1500_topics',
    what: 'event-loop delay p99, 1,500 topics @20k/s (ms)',
    limit: 20,
    kind: 'max'
  }
]

export type Results = Record<string, number | null | string | boolean | Record<string, unknown>>

/** The figures each part produces whenever it runs. */
export const PART_MEASURES: Readonly<Record<Part, readonly string[]>> = {
  ingest: ['ingest_ours_tps', 'ingest_ccxt_tps', 'ingest_json_parse_tps', 'ratio_ours_ccxt', 'ratio_ours_json_parse'],
  memory: [
    'heap_mb_mid',
    'heap_mb_end',
    'rss_mb_mid',
    'rss_mb_end',
    'heap_growth_mb',
    'heap_bytes_per_trade',
    'heap_bytes_per_trade_objects'
  ],
  live: [
    'loop_delay_p50_ms',
    'loop_delay_p99_ms',
    'latency_p50_ms_1k',
    'latency_p99_ms_1k',
    'latency_p50_ms',
    'latency_p99_ms'
  ],
  ui: [
    'ui_frame_p95_ms_2k',
    'ui_frame_max_ms_2k',
    'ui_receipt_to_painted_p95_ms_2k',
    'ui_frame_p95_ms_10k',
    'ui_frame_max_ms_10k',
    'ui_receipt_to_painted_p95_ms_10k',
    'ui_frame_p95_ms_50k',
    'ui_frame_max_ms_50k',
    'ui_dropped_frames_pct_10k',
    'ui_dropped_frames_pct_50k'
  ],
  persist: ['ingest_ours_persist_tps', 'ratio_ours_json_parse_persist', 'persist_lag_p99_ms', 'disk_bytes_per_trade'],
  publish: [
    'publish_tps',
    'publish_lag_p50_ms_2k',
    'publish_lag_p99_ms_2k',
    'ingest_ours_publish_off_tps',
    'ingest_ours_publish_on_tps'
  ],
  connections: ['loop_delay_p99_ms_1500_topics', 'connections_topics']
}

/** The figures of `part` that came out null: what the part failed to measure. */
export function missingMeasures(r: Results, part: Part): string[] {
  return PART_MEASURES[part].filter((key) => typeof r[key] !== 'number')
}

const MILLION = 1_000_000

/** Heap at the sample nearest half the run, and at the end: the "1st vs 2nd million" comparison. */
function memoryFigures(m: NonNullable<Measurements['memory']>): Record<string, number | null> {
  const s = m.samples
  if (s.length === 0) return { heap_growth_mb: null }
  const half = m.trades / 2
  const mid = s.reduce((best, x) => (Math.abs(x.received - half) < Math.abs(best.received - half) ? x : best), s[0])
  const end = s[s.length - 1]
  const full = s.filter((x) => x.stored >= m.capacity)
  const perMillion = (ys: number[]): number | null => {
    const k = slope(
      full.map((x) => x.received / MILLION),
      ys
    )
    return k
  }
  return {
    heap_mb_mid: round(mid.heapUsedMb),
    heap_mb_end: round(end.heapUsedMb),
    array_buffers_mb_mid: round(mid.arrayBuffersMb),
    array_buffers_mb_end: round(end.arrayBuffersMb),
    rss_mb_mid: round(mid.rssMb),
    rss_mb_end: round(end.rssMb),
    heap_growth_mb: round(end.heapUsedMb - mid.heapUsedMb),
    rss_growth_mb: round(end.rssMb - mid.rssMb),
    heap_slope_mb_per_million_after_cap: round(perMillion(full.map((x) => x.heapUsedMb)), 3),
    rss_slope_mb_per_million_after_cap: round(perMillion(full.map((x) => x.rssMb)), 3),
    memory_samples_after_cap: full.length
  }
}

function accountedPerTrade(h: HeapResult | undefined): number | null {
  return h === undefined || h.accountedBytes === null ? null : h.accountedBytes / h.trades
}

function persistFigures(p: PersistMeasures | undefined): Record<string, number | null> {
  return {
    ingest_ours_persist_tps: round(p?.oursPersistTps ?? null, 0),
    ratio_ours_json_parse_persist: round(p?.pairedRatio ?? null, 3),
    persist_lag_p99_ms: round(p?.lagP99Ms ?? null),
    persist_lag_samples: p?.lagSamples ?? null,
    disk_bytes_per_trade: round(p?.bytesPerTrade ?? null),
    disk_trades: p?.diskTrades ?? null
  }
}

export function buildResults(m: Measurements, meta: Record<string, unknown>): Results {
  const ours = m.ingest.ours?.tradesPerS ?? null
  const ccxt = m.ingest.ccxt?.tradesPerS ?? null
  const json = m.ingest.json_parse?.tradesPerS ?? null
  const r: Results = {
    ingest_ours_tps: round(ours, 0),
    ingest_ccxt_tps: round(ccxt, 0),
    ingest_json_parse_tps: round(json, 0),
    ratio_ours_ccxt: round(ratio(ours, ccxt)),
    ratio_ours_json_parse: round(m.ingest.pairedRatioOursJson ?? ratio(ours, json), 3),
    ingest_ours_cpu_pct: round(m.ingest.ours?.runs[0]?.cpuPct ?? null, 0),
    ingest_json_parse_cpu_pct: round(m.ingest.json_parse?.runs[0]?.cpuPct ?? null, 0),
    ...(m.memory ? memoryFigures(m.memory) : { heap_growth_mb: null }),
    heap_bytes_per_trade: round(m.heap?.columns.bytesPerTrade ?? null, 1),
    heap_bytes_per_trade_objects: round(m.heap?.objects.bytesPerTrade ?? null, 1),
    heap_accounted_bytes_per_trade: round(accountedPerTrade(m.heap?.columns), 1),
    heap_trades: m.heap?.columns.trades ?? null,
    heap_symbols: m.heap?.columns.symbols ?? null,
    loop_delay_p50_ms: round(m.live?.at20k.loopDelayP50Ms ?? null),
    loop_delay_p99_ms: round(m.live?.at20k.loopDelayP99Ms ?? null),
    loop_delay_max_ms: round(m.live?.at20k.loopDelayMaxMs ?? null),
    latency_p50_ms_1k: round(m.live?.at1k.latencyP50Ms ?? null),
    latency_p99_ms_1k: round(m.live?.at1k.latencyP99Ms ?? null),
    latency_p50_ms: round(m.live?.at20k.latencyP50Ms ?? null),
    latency_p99_ms: round(m.live?.at20k.latencyP99Ms ?? null),
    ui_frame_p95_ms_2k: round(m.ui?.at2k.frameP95Ms ?? null),
    ui_frame_max_ms_2k: round(m.ui?.at2k.frameMaxMs ?? null),
    ui_dropped_frames_pct_2k: round(m.ui?.at2k.droppedFramesPct ?? null, 1),
    ui_long_tasks_2k: m.ui?.at2k.longTasks ?? null,
    ui_receipt_to_painted_p95_ms_2k: round(m.ui?.at2k.receiptToPaintedP95Ms ?? null),
    ui_frame_p95_ms_10k: round(m.ui?.at10k.frameP95Ms ?? null),
    ui_frame_max_ms_10k: round(m.ui?.at10k.frameMaxMs ?? null),
    ui_dropped_frames_pct_10k: round(m.ui?.at10k.droppedFramesPct ?? null, 1),
    ui_long_tasks_10k: m.ui?.at10k.longTasks ?? null,
    ui_receipt_to_painted_p95_ms_10k: round(m.ui?.at10k.receiptToPaintedP95Ms ?? null),
    ...persistFigures(m.persist),
    publish_tps: round(m.publish?.tps ?? null, 0),
    publish_lag_p50_ms_2k: round(m.publish?.lagP50Ms ?? null),
    publish_lag_p99_ms_2k: round(m.publish?.lagP99Ms ?? null),
    ingest_ours_publish_off_tps: round(m.publish?.ingestOffTps ?? null, 0),
    ingest_ours_publish_on_tps: round(m.publish?.ingestOnTps ?? null, 0),
    ui_frame_p95_ms_50k: round(m.ui?.at50k.frameP95Ms ?? null),
    ui_frame_max_ms_50k: round(m.ui?.at50k.frameMaxMs ?? null),
    ui_dropped_frames_pct_50k: round(m.ui?.at50k.droppedFramesPct ?? null, 1),
    ui_long_tasks_50k: m.ui?.at50k.longTasks ?? null,
    ui_receipt_to_painted_p95_ms_50k: round(m.ui?.at50k.receiptToPaintedP95Ms ?? null),
    ui_trades_received_2k: m.ui?.at2k.tradesReceived ?? null,
    ui_trades_received_10k: m.ui?.at10k.tradesReceived ?? null,
    ui_trades_received_50k: m.ui?.at50k.tradesReceived ?? null,
    ui_tape_work_p95_ms_10k: round(m.ui?.at10k.tapeWorkP95Ms ?? null),
    ui_tape_work_max_ms_10k: round(m.ui?.at10k.tapeWorkMaxMs ?? null),
    ui_tape_work_p95_ms_50k: round(m.ui?.at50k.tapeWorkP95Ms ?? null),
    ui_tape_work_max_ms_50k: round(m.ui?.at50k.tapeWorkMaxMs ?? null),
    loop_delay_p99_ms_1500_topics: round(m.connections?.loopDelayP99Ms ?? null),
    loop_delay_max_ms_1500_topics: round(m.connections?.loopDelayMaxMs ?? null),
    latency_p99_ms_1500_topics: round(m.connections?.latencyP99Ms ?? null),
    connections_topics: m.connections?.topics ?? null,
    connections_trades_per_s: m.connections?.totalPerS ?? null,
    connections_trades: m.connections?.trades ?? null,
    connections_frames_per_s: m.connections?.frames
      ? round((m.connections.frames / m.connections.elapsedMs) * 1000, 0)
      : null
  }
  const budgets: Record<string, unknown> = {}
  for (const b of BUDGETS) {
    const v = r[b.key]
    const value = typeof v === 'number' ? v : null
    budgets[b.key] = {
      limit: b.limit,
      tolerance: b.tolerance ?? 0,
      value,
      pass: value === null ? null : b.kind === 'min' ? value >= b.limit : value <= b.limit + (b.tolerance ?? 0)
    }
  }
  return { ...r, budgets, ...meta }
}

function fmt(v: unknown): string {
  if (v === null || v === undefined) return '—'
  if (typeof v === 'number') return v >= 1000 ? Math.round(v).toLocaleString('en-US') : String(v)
  return String(v)
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)))
  const line = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`
  return [line(rows[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n')
}

/** The table; `failed` parts show FAILED on each of their rows instead of a value that is not there. */
export function renderTable(r: Results, failed: ReadonlySet<Part> = new Set()): string {
  const rows: string[][] = [['measure', 'value', 'budget', 'verdict']]
  const budgetFor = new Map(BUDGETS.map((b) => [b.key, b]))
  const failedKeys = new Set([...failed].flatMap((p) => PART_MEASURES[p]))
  const add = (label: string, key: string): void => {
    const b = budgetFor.get(key)
    const check = (r.budgets as Record<string, { pass: boolean | null }>)[key]
    // --quick sizes are a smoke test (ccxt's start-up alone dominates 30k trades): verdicts are indicative.
    const fail = r.quick === true ? 'miss (quick size)' : 'FAIL'
    const verdict = failedKeys.has(key)
      ? 'FAILED (part failed)'
      : !b
        ? ''
        : check?.pass === null
          ? 'not run'
          : check?.pass
            ? 'pass'
            : fail
    const slack = b?.tolerance ? ` (±${b.tolerance} jitter)` : ''
    rows.push([label, fmt(r[key]), b ? `${b.kind === 'min' ? '≥' : '≤'} ${b.limit}${slack}` : '', verdict])
  }
  add('ingest: ours (trades/s, median)', 'ingest_ours_tps')
  add('ingest: ccxt.pro watchTrades (trades/s)', 'ingest_ccxt_tps')
  add('ingest: JSON.parse only, ceiling (trades/s)', 'ingest_json_parse_tps')
  add('ingest: ours / ccxt', 'ratio_ours_ccxt')
  add('ingest: ours / JSON.parse (median of paired rounds)', 'ratio_ours_json_parse')
  add('memory: heap at 1st million / mid-run (MB, post-GC)', 'heap_mb_mid')
  add('memory: heap at 2nd million / end (MB, post-GC)', 'heap_mb_end')
  add('memory: ArrayBuffers at 1st million / mid-run (MB)', 'array_buffers_mb_mid')
  add('memory: ArrayBuffers at 2nd million / end (MB)', 'array_buffers_mb_end')
  add('memory: RSS at 1st million / mid-run (MB)', 'rss_mb_mid')
  add('memory: RSS at 2nd million / end (MB)', 'rss_mb_end')
  add('memory: heap growth 1st→2nd million (MB)', 'heap_growth_mb')
  add('memory: heap slope once capped (MB/million)', 'heap_slope_mb_per_million_after_cap')
  add('memory: heap per held trade, many symbols (bytes)', 'heap_bytes_per_trade')
  add('memory: same trades held as Trade objects (bytes)', 'heap_bytes_per_trade_objects')
  add('memory: bytes per trade the budget counts', 'heap_accounted_bytes_per_trade')
  add('event loop @20k/s: p50 (ms)', 'loop_delay_p50_ms')
  add('event loop @20k/s: p99 (ms)', 'loop_delay_p99_ms')
  add('exchange→stored @1k/s: p50 (ms)', 'latency_p50_ms_1k')
  add('exchange→stored @1k/s: p99 (ms)', 'latency_p99_ms_1k')
  add('exchange→stored @20k/s: p50 (ms)', 'latency_p50_ms')
  add('exchange→stored @20k/s: p99 (ms)', 'latency_p99_ms')
  add('persist: ingest with persistence on (trades/s, median)', 'ingest_ours_persist_tps')
  add('persist: ingest with persistence / JSON.parse (paired)', 'ratio_ours_json_parse_persist')
  add('persist: write queue lag @20k/s: p99 (ms)', 'persist_lag_p99_ms')
  add('persist: bytes on disk per trade (after CHECKPOINT)', 'disk_bytes_per_trade')
  add('UI @2k/s: frame p95 (ms)', 'ui_frame_p95_ms_2k')
  add('UI @2k/s: frame max (ms)', 'ui_frame_max_ms_2k')
  add('UI @2k/s: dropped frames (%)', 'ui_dropped_frames_pct_2k')
  add('UI @2k/s: long tasks', 'ui_long_tasks_2k')
  add('UI @2k/s: receipt→painted p95 (ms)', 'ui_receipt_to_painted_p95_ms_2k')
  add('UI @10k/s: frame p95 (ms)', 'ui_frame_p95_ms_10k')
  add('UI @10k/s: frame max (ms)', 'ui_frame_max_ms_10k')
  add('UI @10k/s: dropped frames (%)', 'ui_dropped_frames_pct_10k')
  add('UI @10k/s: long tasks', 'ui_long_tasks_10k')
  add('UI @10k/s: receipt→painted p95 (ms)', 'ui_receipt_to_painted_p95_ms_10k')
  add('publish: NATS acknowledged (trades/s)', 'publish_tps')
  add('publish: lag receipt→ack @2k/s p50 (ms)', 'publish_lag_p50_ms_2k')
  add('publish: lag receipt→ack @2k/s p99 (ms)', 'publish_lag_p99_ms_2k')
  add('publish: ingest ours, publishing off (trades/s)', 'ingest_ours_publish_off_tps')
  add('publish: ingest ours, publishing on (trades/s)', 'ingest_ours_publish_on_tps')
  add('UI @50k/s: frame p95 (ms)', 'ui_frame_p95_ms_50k')
  add('UI @50k/s: frame max (ms)', 'ui_frame_max_ms_50k')
  add('UI @50k/s: dropped frames (%)', 'ui_dropped_frames_pct_50k')
  add('UI @50k/s: long tasks', 'ui_long_tasks_50k')
  add('UI @50k/s: receipt→painted p95 (ms)', 'ui_receipt_to_painted_p95_ms_50k')
  add('UI @2k/s: trades reaching the page', 'ui_trades_received_2k')
  add('UI @10k/s: trades reaching the page', 'ui_trades_received_10k')
  add('UI @50k/s: trades reaching the page', 'ui_trades_received_50k')
  add('UI @10k/s: tape work per frame p95 (ms)', 'ui_tape_work_p95_ms_10k')
  add('UI @10k/s: tape work per frame max (ms)', 'ui_tape_work_max_ms_10k')
  add('UI @50k/s: tape work per frame p95 (ms)', 'ui_tape_work_p95_ms_50k')
  add('UI @50k/s: tape work per frame max (ms)', 'ui_tape_work_max_ms_50k')
  add('many topics: topics (linear+spot+inverse, ALL)', 'connections_topics')
  add('many topics: total trades/s streamed', 'connections_trades_per_s')
  add('many topics: frames/s received', 'connections_frames_per_s')
  add('many topics: event loop p99 (ms)', 'loop_delay_p99_ms_1500_topics')
  add('many topics: event loop max (ms)', 'loop_delay_max_ms_1500_topics')
  add('many topics: exchange→stored p99 (ms)', 'latency_p99_ms_1500_topics')
  return table(rows)
}
