// The diagnostics report a user pastes into a bug report: versions, settings (no secrets), the
// checklist, collector status, storage stats, the last network diagnostics and the last log lines.

import type {
  ChecklistReport,
  ChecklistStatus,
  CollectorStatus,
  DiagnosticsReport,
  HealthReport,
  LogEntry,
  ResourceSample,
  RuntimeInfo,
  StorageStats
} from '../../../shared/dto'
import type { Settings } from '../../../shared/settings'
import { formatLogLine } from '../log/engine-log'

export interface ReportInput {
  generatedAt: number
  runtime: RuntimeInfo
  settings: Settings
  health: HealthReport
  checklist: ChecklistReport
  collectors: CollectorStatus[]
  stats: StorageStats
  diagnostics: DiagnosticsReport | null
  resources: ResourceSample
  logs: LogEntry[]
}

export const STATUS_MARK: Record<ChecklistStatus, string> = { pass: '✅', fail: '❌', pending: '⏳', skipped: '⏭️' }

/** Anything that looks like a credential: the mirror token, `token=…`, proxy userinfo. */
export function scrubSecrets(text: string): string {
  return text
    .replace(/(MDM_TOKEN=|X-MDM-Token:\s*|token["']?\s*[:=]\s*["']?)[A-Za-z0-9_\-.]{8,}/gi, '$1[redacted]')
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/?#]*@/gi, '$1***@')
}

const cell = (v: unknown): string =>
  String(v ?? '—')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ')
const mb = (b: number): string => `${(b / 1024 / 1024).toFixed(1)} MiB`
const iso = (t: number | null): string => (t === null ? '—' : new Date(t).toISOString())

function settingsSection(s: Settings): string[] {
  const shown = {
    category: s.category,
    symbols: s.symbols.join(','),
    wsUrl: s.wsUrl ?? '(Bybit default)',
    restUrl: s.restUrl ?? '(Bybit default)',
    testnet: s.testnet,
    mirror: `${s.mirror.enabled ? 'on' : 'off'} ${s.mirror.host}:${s.mirror.port}`,
    maxTradesPerSymbol: s.maxTradesPerSymbol,
    memoryBudgetMb: s.memoryBudgetMb,
    recordFile: s.recordFile === null ? 'off' : 'on',
    notifications: s.notifications.enabled ? `on, after ${s.notifications.downThresholdS} s` : 'off'
  }
  return ['| setting | value |', '|---|---|', ...Object.entries(shown).map(([k, v]) => `| ${k} | ${cell(v)} |`)]
}

function checklistSection(c: ChecklistReport): string[] {
  const out = [`**${c.summary}**`, '', '| | check | evidence |', '|---|---|---|']
  for (const i of c.items) out.push(`| ${STATUS_MARK[i.status]} ${i.status} | ${cell(i.title)} | ${cell(i.evidence)} |`)
  const failing = c.items.find((i) => i.id === c.first_failure)
  if (failing && failing.fix.length > 0) {
    out.push('', `What to try for "${failing.title}":`, ...failing.fix.map((f) => `- ${f}`))
  }
  return out
}

function collectorSection(c: CollectorStatus): string[] {
  const subs = c.subscriptions.map((t) => `${t.topic}=${t.state}${t.reason ? ` (${t.reason})` : ''}`).join(', ')
  return [
    `- **${c.name}**: ${c.status} (${c.phase}), ${c.category} ${c.url}`,
    `  - subscriptions: ${subs || '—'}`,
    `  - messages ${c.messages_received}, trades ${c.trades_processed}, parse errors ${c.parse_errors}, rejected ${c.trades_rejected}, duplicates ${c.duplicates_dropped}`,
    `  - last message ${iso(c.last_message_at)}, last pong ${iso(c.last_pong_at)}, reconnects ${c.reconnect_count}, open gaps ${c.open_gaps}`,
    `  - last error: ${c.last_error ? `${c.last_error.code}: ${c.last_error.message} at ${iso(c.last_error.at)}` : '—'}`,
    `  - latency p50/p99: ${quantile(c.latency.p50_ms, c.latency.p50_beyond_top, c.latency.top_ms)} / ${quantile(c.latency.p99_ms, c.latency.p99_beyond_top, c.latency.top_ms)} ms, max ${c.latency.max_ms ?? '—'} ms`
  ]
}

/** A latency quantile past the histogram's top bucket is only known to exceed it. */
function quantile(ms: number | null, beyondTop: boolean, topMs: number): string {
  return beyondTop ? `> ${topMs}` : String(ms ?? '—')
}

function diagnosticsSection(d: DiagnosticsReport | null): string[] {
  if (d === null) return ['Not run in this session (Debug view → "Run network diagnostics", or `npm run doctor`).']
  const out = [
    `${d.ok ? 'All steps pass' : `Failed at: ${d.failed_step ?? '?'}`} — ${d.url}, symbol ${d.symbol}, run at ${iso(d.started_at)}`,
    '',
    '| step | result | time | verdict |',
    '|---|---|---|---|'
  ]
  for (const s of d.steps)
    out.push(
      `| ${s.title} | ${s.status} | ${s.duration_ms === null ? '—' : `${s.duration_ms} ms`} | ${cell(s.verdict)} |`
    )
  const failed = d.steps.find((s) => s.status === 'fail')
  if (failed) out.push('', ...failed.advice.map((a) => `- ${a}`))
  if (d.proxy.note) out.push('', `Proxy: ${d.proxy.note}`)
  return out
}

export function buildMarkdownReport(r: ReportInput): string {
  const st = r.stats
  const a = st.accounting
  const res = r.resources
  const lines = [
    '# Market Data Monitor — diagnostics report',
    '',
    `Generated ${iso(r.generatedAt)}. Paste this into a bug report; it holds no token or credential.`,
    '',
    '## Versions',
    `- app ${r.runtime.app} ${r.runtime.version} (${r.runtime.mode}), Node ${r.runtime.node}, ${process.platform} ${process.arch}`,
    `- engine started ${iso(r.runtime.started_at)}; mirror ${r.runtime.mirror.state}${r.runtime.mirror.url ? ` at ${r.runtime.mirror.url}` : ''}${r.runtime.mirror.error ? ` (${r.runtime.mirror.error})` : ''}`,
    '',
    '## Settings',
    ...settingsSection(r.settings),
    '',
    '## Checklist',
    ...checklistSection(r.checklist),
    '',
    '## Status',
    `Health: **${r.health.status}**${r.health.reasons.length > 0 ? ` — ${r.health.reasons.join('; ')}` : ''}`,
    '',
    ...r.collectors.flatMap(collectorSection),
    '',
    '## Storage',
    `- ${st.total_trades} trades held (${
      Object.entries(st.trades_by_symbol)
        .map(([s, n]) => `${s} ${n}`)
        .join(', ') || 'none'
    }), limit ${st.max_trades_per_symbol}/symbol`,
    `- accounting: received ${a.received} = stored ${a.stored} + evicted ${a.evicted} + duplicates ${a.duplicates} + rejected ${a.rejected} + cleared ${a.cleared} (${a.balanced ? 'balanced' : 'NOT balanced'})`,
    `- raw frames: ${st.raw_frames.count} (${mb(st.raw_frames.bytes)}); oldest ${iso(st.oldest_timestamp)}, newest ${iso(st.newest_timestamp)}`,
    '',
    '## Resources',
    `- CPU ${res.cpu_percent}%, RSS ${mb(res.rss_bytes)}, heap ${mb(res.heap_used_bytes)} / ${mb(res.heap_total_bytes)}`,
    `- event-loop delay p50/p99 ${res.event_loop_delay_p50_ms ?? '—'} / ${res.event_loop_delay_p99_ms ?? '—'} ms; ${res.open_sockets} sockets, ${res.active_handles} handles`,
    '',
    '## Network diagnostics',
    ...diagnosticsSection(r.diagnostics),
    '',
    `## Last ${r.logs.length} log lines`,
    '```',
    ...r.logs.map(formatLogLine),
    '```',
    ''
  ]
  return scrubSecrets(lines.join('\n'))
}
