// Wire shapes of the debugging checklist, network diagnostics, resources and reports.
// Same conventions as `dto.ts`: REST field names, epoch milliseconds.
import type { ActionResult } from './dto'
import type { LogCode } from './log-codes'

export type ChecklistStatus = 'pass' | 'fail' | 'pending' | 'skipped'

/**
 * The guide's ten stages, in pipeline order, and `trades_persisted` after `no_storage_errors` when the
 * engine has a data dir (serve, demo, the desktop app).
 */
export type ChecklistItemId =
  | 'connected'
  | 'subscription_confirmed'
  | 'messages_received'
  | 'parsed_correctly'
  | 'trades_created'
  | 'storage_handler'
  | 'same_storage_instance'
  | 'no_storage_errors'
  | 'trades_persisted'
  | 'trades_in_stats'
  | 'retrievable_via_api'
  | 'trades_forwarded'

/** The UI view that helps with an item, and an optional log filter (e.g. `parse_error`). */
export interface ChecklistLink {
  view: 'connection' | 'logs' | 'storage' | 'debug' | 'settings'
  /** For `logs`: the log code to filter on. */
  code?: LogCode
}

export interface ChecklistItem {
  id: ChecklistItemId
  title: string
  status: ChecklistStatus
  /** What was observed, in words: counts, times, the exact error or exchange reply. */
  evidence: string
  /** The same observations as values, for scripts and tests. */
  facts: Record<string, string | number | boolean | null>
  /** What an operator checks or runs next; empty when the item passes. */
  fix: string[]
  /** Items that must pass before this one can. */
  depends_on: ChecklistItemId[]
  link: ChecklistLink | null
  /** Skipped on purpose (a stage turned off: no data dir, no --publish): not counted against "all pass". */
  by_choice?: boolean
}

export interface ChecklistReport {
  evaluated_at: number
  /** Every item passed (or was skipped by choice: persistence turned off). */
  all_passed: boolean
  /** The first failing stage: the likely cause. */
  first_failure: ChecklistItemId | null
  /** One line: all good, or the likely cause and what it blocks. */
  summary: string
  counts: Record<ChecklistStatus, number>
  items: ChecklistItem[]
}

export type DiagnosticStepId = 'dns' | 'tcp' | 'proxy' | 'tls' | 'websocket' | 'subscribe' | 'ping'
/** `not_run`: an earlier step failed. */
export type DiagnosticStepStatus = 'pass' | 'fail' | 'skipped' | 'not_run'

export interface DiagnosticStep {
  id: DiagnosticStepId
  title: string
  status: DiagnosticStepStatus
  duration_ms: number | null
  /** A plain sentence: what happened. */
  verdict: string
  details: Record<string, string | number | boolean | null>
  /** What to try next (on failure). */
  advice: string[]
}

export interface DiagnosticsReport {
  url: string
  symbol: string
  started_at: number
  finished_at: number
  ok: boolean
  /** The step that failed first, if any. */
  failed_step: DiagnosticStepId | null
  steps: DiagnosticStep[]
  /** Proxy variables found in the environment (credentials redacted), and which proxy the collector uses. */
  proxy: { variables: Record<string, string>; note: string | null }
}

export interface ResourceSample {
  at: number
  /** Main process CPU over the last interval, % of one core. */
  cpu_percent: number
  rss_bytes: number
  heap_used_bytes: number
  heap_total_bytes: number
  external_bytes: number
  event_loop_delay_p50_ms: number | null
  event_loop_delay_p99_ms: number | null
  event_loop_delay_max_ms: number | null
  /** `process.getActiveResourcesInfo()` counted by type (TCPSocketWrap, Timeout, …). */
  handles: Record<string, number>
  open_sockets: number
  active_handles: number
}

/** Electron's per-process metrics (`app.getAppMetrics()`), filled by the desktop glue. */
export interface ProcessMetric {
  pid: number
  type: string
  name: string | null
  cpu_percent: number
  memory_bytes: number | null
}

export interface ResourcesResponse {
  current: ResourceSample
  /** Oldest first, one per sampling interval. */
  samples: ResourceSample[]
  interval_ms: number
  processes?: ProcessMetric[]
}

export interface DiagnosticsReportText {
  generated_at: number
  /** The bug-report Markdown (also `GET /debug/report.md`). */
  markdown: string
}

export interface MirrorPortHolder {
  pid: number | null
  command: string | null
}

export interface MirrorPortCheck extends ActionResult {
  host: string
  port: number
  listening: boolean
  /** The port is held by this engine's mirror. */
  ours: boolean
  holder: MirrorPortHolder | null
  /** How the holder was found, or why it could not be. */
  detail: string
}
