// The engine's side of the durable tier: opened at start before the collectors connect (history
// loaded into the rings on the first start, a `restart` gap per collected symbol from its last trade
// on disk), fed every trade the storage stores, trimmed by the retention task, closed at stop with
// its queue drained. A tier that cannot be opened never stops collection: the error is kept with a
// code and every stored trade is counted as not persisted.

import type { ErrorInfo } from '../../../shared/dto'
import { ALL_SYMBOLS, marketsOf } from '../../../shared/markets'
import type { PersistStats } from '../../../shared/dto-durable'
import type { PersistSettings, Settings } from '../../../shared/settings'
import { isCollectorErrorCode, type CollectorErrorCode } from '../../../shared/error-codes'
import { isLogCode, type LogCode } from '../../../shared/log-codes'
import { errorMessage } from '../../../shared/guards'
import type { DurableTier } from '../durable/durable-tier'
import { openDuckDbTier, type OpenedTier, type OpenTier, type OpenTierOptions } from '../durable/open-tier'
import { NamedLog } from '../log/engine-log'
import type { EngineContext } from './context'
import { loadShare } from '../storage/load-share'
import { RestartGaps } from './restart-gaps'
import { RetentionTask } from './retention-task'
import { logChangedTotals, storageTotals } from './storage-totals'

export interface PersistOptions {
  /**
   * The data dir, created and checked by the host: the database file lives here. null: none
   * (`--no-persist` without `--data-dir`): the checklist still says persistence is off.
   */
  dataDir: string | null
  /** Opens the tier; default the DuckDB tier. */
  open?: OpenTier
  /** Retention cadence (also run once at start). Default hourly. */
  retentionIntervalMs?: number
  /** Most time `stop` waits for the write queue to drain and the file to close. Default 10 s. */
  closeTimeoutMs?: number
}

const LOCK_RE = /lock/i

/** The code a failed open carries (the tier's own, e.g. `persist_read_only`), else by its words. */
function openErrorCode(e: unknown, message: string): CollectorErrorCode & LogCode {
  const code = (e as { code?: unknown } | null)?.code
  if (typeof code === 'string' && code.startsWith('persist_') && isCollectorErrorCode(code) && isLogCode(code))
    return code
  return LOCK_RE.test(message) ? 'persist_locked' : 'persist_open_failed'
}

/** Whether the settings collect this (category, symbol): every selected category's symbols (ALL: any there). */
function collectedOf(ctx: Pick<EngineContext, 'settings'>): (category: string, symbol: string) => boolean {
  const { markets } = marketsOf(ctx.settings.category, ctx.settings.symbols)
  return (c, symbol) =>
    markets.some((m) => m.category === c && (m.symbols === ALL_SYMBOLS || m.symbols.includes(symbol)))
}

export class Persistence {
  private opened: OpenedTier | null = null
  private openError: ErrorInfo | null = null
  /** Stored trades that had no tier to go to (it could not be opened). */
  private unwritten = 0
  private loadedOnce = false
  /** From the open until history is loaded and the restart gaps are open: state `opening`. */
  private opening = false
  private retention: RetentionTask | null = null
  private readonly log: NamedLog
  private readonly errorCounts = new Map<string, number>()
  private lastErrorSeen: ErrorInfo | null = null
  private readonly restartGaps: RestartGaps

  constructor(
    private readonly opts: PersistOptions | undefined,
    ctx: Pick<EngineContext, 'log' | 'gaps'>
  ) {
    this.log = new NamedLog(ctx.log, 'persist')
    this.restartGaps = new RestartGaps(ctx.gaps, this.log)
  }

  get dataDir(): string | null {
    return this.opts?.dataDir ?? null
  }

  /** For the checklist: whether this engine was given persistence at all (serve, demo, desktop). */
  get configured(): boolean {
    return this.opts !== undefined
  }

  /** At engine start, before the collectors: open, load (first start only), restart gaps, hook storage. */
  async start(ctx: EngineContext): Promise<void> {
    if ((this.opts?.dataDir ?? null) === null || !ctx.settings.persist.enabled) return
    const first = !this.loadedOnce
    this.loadedOnce = true
    await this.open(ctx, ctx.settings.persist, { load: first, restartGaps: true })
  }

  /** At engine stop, after the collectors: unhook storage, drain and close (bounded). */
  async stop(ctx: EngineContext): Promise<void> {
    this.restartGaps.stop()
    ctx.storage.onStored(null)
    await this.retention?.stop()
    this.retention = null
    const tier = this.opened?.tier ?? null
    this.opened = null
    ctx.durable = null
    if (tier === null) return
    const limit = this.opts?.closeTimeoutMs ?? 10_000
    let timer: NodeJS.Timeout | undefined
    const closed = await Promise.race([
      tier.close().then(
        () => 'closed' as const,
        (e: unknown) => errorMessage(e)
      ),
      new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), limit)))
    ])
    clearTimeout(timer)
    const s = tier.stats()
    if (closed === 'closed') {
      this.log.info(`Data dir closed: ${s.persisted} trades written this run, ${s.not_persisted} not persisted`)
    } else {
      const why = closed === 'timeout' ? `the write queue did not drain within ${limit} ms` : closed
      this.log.error(
        `Closing the data dir failed: ${why}; ${s.queue_depth} queued trades not persisted`,
        'persist_write_failed'
      )
    }
  }

  /** A settings change: persistence on or off live, a new retention applied at once. */
  async apply(ctx: EngineContext, before: Settings, next: Settings): Promise<void> {
    if ((this.opts?.dataDir ?? null) === null) return
    const was = before.persist
    const now = next.persist
    if (was.enabled && !now.enabled) {
      await this.stop(ctx)
      this.openError = null
      this.log.info('Persistence turned off: trades are kept in memory only')
    } else if (!was.enabled && now.enabled && ctx.lifecycle.running) {
      // Nothing to load (the rings are live) and no restart gap: the time off was collected in memory.
      await this.open(ctx, now, { load: false, restartGaps: false })
    } else if (was.retentionDays !== now.retentionDays || was.retentionGb !== now.retentionGb) {
      this.opened?.setRetention(now.retentionDays, now.retentionGb)
      this.retention?.runNow()
    }
  }

  /** Errors by code, each counted once when first seen in the stats (read every second while running). */
  get errors(): ReadonlyMap<string, number> {
    return this.errorCounts
  }

  stats(ctx: EngineContext, now = Date.now()): PersistStats {
    const current = this.currentStats(ctx, now)
    const s: PersistStats = this.opening && current.state !== 'failing' ? { ...current, state: 'opening' } : current
    const e = s.last_error
    if (e !== null && (e.at !== this.lastErrorSeen?.at || e.code !== this.lastErrorSeen.code)) {
      this.lastErrorSeen = e
      this.errorCounts.set(e.code, (this.errorCounts.get(e.code) ?? 0) + 1)
    }
    return s
  }

  private currentStats(ctx: EngineContext, now: number): PersistStats {
    const { retentionDays: days, retentionGb: gb, enabled } = ctx.settings.persist
    const deleted = this.retention?.deleted ?? 0
    const lastRun = this.retention?.lastRunAt ?? null
    if (this.opened !== null) {
      const s = this.opened.tier.stats(now)
      return {
        ...s,
        retention: {
          days,
          gb,
          deleted: Math.max(s.retention.deleted, deleted),
          last_run_at: s.retention.last_run_at ?? lastRun
        }
      }
    }
    const failing = this.openError !== null && enabled && this.dataDir !== null
    return {
      state: failing ? 'failing' : 'off',
      data_dir: this.dataDir,
      file: null,
      file_bytes: 0,
      persisted: 0,
      not_persisted: this.unwritten,
      duplicates_skipped: 0,
      queue_depth: 0,
      queue_capacity: 0,
      lag_ms: 0,
      write_rate: 0,
      newest_persisted_timestamp: null,
      rows_on_disk: 0,
      oldest_timestamp: null,
      retention: { days, gb, deleted, last_run_at: lastRun },
      last_error: failing ? this.openError : null
    }
  }

  private async open(
    ctx: EngineContext,
    { retentionDays, retentionGb }: PersistSettings,
    what: { load: boolean; restartGaps: boolean }
  ): Promise<void> {
    const { open = openDuckDbTier } = this.opts as PersistOptions
    const dataDir = this.dataDir as string
    this.opening = true
    try {
      await this.openAndLoad(ctx, { dataDir, retentionDays, retentionGb, log: this.log }, open, what)
    } finally {
      this.opening = false
    }
  }

  private async openAndLoad(
    ctx: EngineContext,
    options: Omit<OpenTierOptions, 'retryOpen'>,
    open: OpenTier,
    what: { load: boolean; restartGaps: boolean }
  ): Promise<void> {
    const { dataDir } = options
    let opened: OpenedTier
    try {
      opened = await open({ ...options, retryOpen: false })
    } catch (e) {
      const message = errorMessage(e)
      const code = openErrorCode(e, message)
      // Another engine's file is not ours to retry on: serve and demo refuse to start on it.
      const retried = code === 'persist_locked' ? null : await open({ ...options, retryOpen: true }).catch(() => null)
      this.log.error(
        `The data dir ${dataDir} cannot be opened (${message}): collecting into memory only` +
          (retried ? '; opening is retried, meanwhile each trade it cannot write is counted as not persisted' : ''),
        code
      )
      if (retried === null) {
        this.openError = { code, message: `${dataDir}: ${message}`, at: Date.now() }
        ctx.storage.onStored(() => void this.unwritten++)
        return
      }
      opened = retried
    }
    this.openError = null
    this.opened = opened
    const { tier } = opened
    ctx.durable = tier
    this.log.info(`Persisting trades to ${tier.stats().file ?? dataDir}`)
    if (what.load) await this.load(ctx, tier)
    // Gaps are marked on disk from here on, the restart gaps first.
    this.restartGaps.watch(tier)
    if (what.restartGaps) await this.restartGaps.open(tier, collectedOf(ctx))
    ctx.storage.onStored((t, packed, slot) => tier.enqueue(t, packed, slot))
    this.retention = new RetentionTask({
      opened,
      tasks: ctx.tasks,
      log: this.log,
      policy: () => ({ days: ctx.settings.persist.retentionDays, gb: ctx.settings.persist.retentionGb }),
      intervalMs: this.opts?.retentionIntervalMs ?? 3_600_000
    })
    this.retention.start()
  }

  /**
   * The newest trades of every collected symbol on disk into the rings, before any live one: symbol
   * by symbol (one symbol's trades at a time as objects), each up to the per-symbol limit and its
   * fair share of the free memory budget, so the load never evicts what it has just loaded.
   */
  private async load(ctx: EngineContext, tier: DurableTier): Promise<void> {
    let keys
    try {
      keys = (await tier.lastPersisted()).filter((p) => collectedOf(ctx)(p.category, p.symbol))
    } catch (e) {
      this.log.error(`Loading history from the data dir failed: ${errorMessage(e)}`, 'persist_open_failed')
      return
    }
    if (keys.length === 0) return
    const before = storageTotals(ctx.storage)
    const done: { k: string; n: number; newest: number }[] = []
    let read = 0
    let stored = 0
    let capped = 0
    for (const [i, p] of keys.entries()) {
      const { budget_bytes, used_bytes } = ctx.storage.memory()
      const share = loadShare(budget_bytes - used_bytes, keys.length - i)
      const n = Math.min(ctx.storage.maxTradesPerSymbol, share)
      let trades
      try {
        trades = n > 0 ? await tier.newestOf(p.category, p.symbol, n) : []
      } catch (e) {
        this.log.error(`Loading history from the data dir failed: ${errorMessage(e)}`, 'persist_open_failed')
        break
      }
      if (n < ctx.storage.maxTradesPerSymbol && trades.length === n) capped++
      if (trades.length === 0) continue
      read += trades.length
      stored += ctx.storage.load(trades)
      done.push({ k: `${p.category}:${p.symbol}`, n: trades.length, newest: trades[trades.length - 1].timestamp })
    }
    // The guide's `Total trades for SYMBOL: N` stays the storage's word from the first line on.
    logChangedTotals(ctx.log, ctx.storage, before)
    for (const e of done) {
      this.log.info(`Loaded ${e.n} trades of ${e.k} from the data dir (newest ${new Date(e.newest).toISOString()})`)
    }
    if (capped > 0) {
      this.log.info(
        `The memory budget (${ctx.storage.memoryBudgetMb} MB) capped the history loaded for ${capped} of ` +
          `${keys.length} symbols below the per-symbol limit (${ctx.storage.maxTradesPerSymbol})`
      )
    }
    if (stored < read) this.log.warning(`${read - stored} loaded trades did not fit the rings`)
  }
}
