// The rig every fault test runs on: the one stack (simulator, optional fault proxy, engine on fast
// timings with its REST backfill pointed at the simulator) plus what only fault tests need: the
// phase sequence the UI sees (the `status` events) and the no-silent-loss identity.
import { expect } from 'vitest'
import type { EngineOptions } from '../../src/main/core/engine'
import type { CollectorTimings } from '../../src/main/core/collector/timings'
import type { Category, CollectorPhase, CollectorStatus, GapRecord, TradeDto } from '../../src/shared/dto'
import type { Settings } from '../../src/shared/settings'
import type { SimulatorOptions } from '../../src/simulator/types'
import type { FaultProxy } from './fault-proxy'
import { startStack, type Stack } from './stack'
import { waitFor } from './wait-for'

export interface RigOptions {
  category?: Category
  symbols?: string[]
  /** Put a fault proxy between the engine and the simulator. */
  proxy?: boolean
  /** Point the engine elsewhere (a raw fault server); the simulator still runs for REST. */
  wsUrl?: string
  timings?: Partial<CollectorTimings>
  sim?: SimulatorOptions
  settings?: Partial<Settings>
  engine?: EngineOptions
}

export class Rig {
  readonly phases: CollectorPhase[] = []
  readonly statuses: CollectorStatus[] = []
  /** Trades a test pushed by hand (raw frames) that count as sent, beside the simulator's own. */
  readonly injected: { symbol: string; tradeId: string; price: string; size: string; T: number }[] = []
  private unsubscribe: (() => void) | null = null

  readonly sim: Stack['sim']
  readonly engine: Stack['engine']
  readonly proxy: FaultProxy | null
  readonly category: Category

  constructor(
    private readonly stack: Stack<null>,
    readonly symbols: string[]
  ) {
    this.sim = stack.sim
    this.engine = stack.engine
    this.proxy = stack.proxy
    this.category = stack.category
    const engine = stack.engine
    // Exact transitions from the collector; the `status` events (what the UI gets, sampled) are kept too.
    engine.manager.get('bybit_trades')!.on('phase', (p) => this.phases.push(p))
    this.unsubscribe = engine.subscribe('status', (list) => {
      const st = list.find((s) => s.name === 'bybit_trades')
      if (st) this.statuses.push(st)
    })
  }

  status(): CollectorStatus {
    return this.engine.manager.get('bybit_trades')!.status()
  }

  gaps(): GapRecord[] {
    return this.engine.gaps.list()
  }

  async streaming(what = 'streaming', timeoutMs = 5000): Promise<CollectorStatus> {
    return waitFor(() => (this.status().phase === 'streaming' ? this.status() : null), { what, timeoutMs })
  }

  /** The phases seen, in order, contain `expected` as a subsequence (fast phases may fall between two samples). */
  expectPhases(expected: CollectorPhase[]): void {
    let i = 0
    for (const p of this.phases) if (p === expected[i]) i++
    expect(i, `phases seen: ${this.phases.join(' → ')}; expected in order: ${expected.join(' → ')}`).toBe(
      expected.length
    )
  }

  async close(): Promise<void> {
    this.unsubscribe?.()
    this.unsubscribe = null
    await this.stack.close()
  }
}

export async function startRig(o: RigOptions = {}): Promise<Rig> {
  const category = o.category ?? 'spot'
  const symbols = o.symbols ?? ['BTCUSDT']
  const stack = await startStack({
    simulator: { seed: 11, ...o.sim },
    faultProxy: o.proxy === true,
    engine: {
      settings: {
        category,
        symbols,
        maxTradesPerSymbol: 100_000,
        ...(o.wsUrl === undefined ? {} : { wsUrl: o.wsUrl }),
        ...o.settings
      },
      options: {
        intervals: { statusMs: 5, tradesMs: 50, statsMs: 200, sampleMs: 1000 },
        ...o.engine,
        timings: { backoffMinMs: 30, ...o.timings }
      },
      // The rig hooks the collector's phase changes before the first connect.
      start: false
    }
  })
  const rig = new Rig(stack, symbols)
  await stack.engine.start().catch(async (e: unknown) => {
    await rig.close()
    throw e
  })
  return rig
}

export interface LossReport {
  /** Distinct trades the simulator generated for the subscribed symbols (its ground truth). */
  sent: number
  /** Of those, held in storage now. */
  stored: number
  /** Engine counters (copies): evicted by the ring, dropped as duplicates, rejected as invalid. */
  evicted: number
  duplicates: number
  rejected: number
  /** Sent trades never stored; each lies inside a recorded gap whose backfill did not claim completeness. */
  unrecovered: number
  /** Stored trades recovered from REST. */
  backfilled: number
  /** Copies the engine received: live frames, re-sends, REST items offered, injected invalid items. */
  received: number
}

/**
 * The no-silent-loss identity, exact:
 *   sent + redundant copies + invalid items = stored + evicted + duplicates + rejected + unrecovered
 * where redundant copies are what the engine counted as duplicates (checked by the caller against
 * the re-sends it provoked) and invalid items are the rejected ones (checked against what it injected).
 * Equivalently, per distinct trade: sent = stored + evicted + unrecovered, and the engine's own copy
 * ledger balances: received = stored + evicted + duplicates + rejected.
 * Returns problems instead of throwing so callers can poll until the engine has settled.
 */
export function lossReport(rig: Rig): { report: LossReport; problems: string[] } {
  const truth = [
    ...rig.sim.sent().filter((t) => t.category === rig.category && rig.symbols.includes(t.symbol)),
    ...rig.injected
  ]
  const stats = rig.engine.storage.stats()
  const a = stats.accounting
  const held = new Map<string, TradeDto>()
  for (const t of rig.engine.exportTrades()) held.set(`${t.symbol}:${t.trade_id}`, t)
  const problems: string[] = []
  let storedTruth = 0
  const missing: { symbol: string; T: number; id: string }[] = []
  for (const t of truth) {
    const got = held.get(`${t.symbol}:${t.tradeId}`)
    if (!got) {
      missing.push({ symbol: t.symbol, T: t.T, id: t.tradeId })
      continue
    }
    storedTruth++
    if (got.price !== t.price || got.quantity !== t.size || got.timestamp !== t.T)
      problems.push(`stored trade ${t.tradeId} differs from the one sent`)
  }
  if (held.size !== storedTruth) problems.push(`${held.size - storedTruth} stored trade(s) were never sent`)
  // Evicted trades are the oldest of a full ring: only in tests that overflow it.
  const unrecovered = missing.length - a.evicted
  const gaps = rig.gaps()
  if (a.evicted === 0) {
    for (const m of missing) {
      const gap = gaps.find((g) => g.symbol === m.symbol && m.T >= g.from && (g.to === null || m.T <= g.to))
      if (!gap) problems.push(`trade ${m.id} (T ${m.T}) missing outside any recorded gap: silent loss`)
      else if (gap.backfill === 'complete')
        problems.push(
          `trade ${m.id} (T ${m.T}) missing inside gap #${gap.id} [${gap.from}, ${gap.to}] marked complete: ${gap.detail}`
        )
    }
  }
  if (!a.balanced) problems.push('storage accounting does not balance')
  const report: LossReport = {
    sent: truth.length,
    stored: storedTruth,
    evicted: a.evicted,
    duplicates: a.duplicates,
    rejected: a.rejected,
    unrecovered,
    backfilled: [...held.values()].filter((t) => t.backfilled).length,
    received: a.received
  }
  if (report.sent !== report.stored + report.evicted + report.unrecovered)
    problems.push(
      `sent ${report.sent} ≠ stored ${report.stored} + evicted ${report.evicted} + unrecovered ${unrecovered}`
    )
  if (a.received !== a.stored + a.evicted + a.duplicates + a.rejected + a.cleared)
    problems.push('received ≠ stored + evicted + duplicates + rejected + cleared')
  if (gaps.some((g) => g.backfill === 'pending' && g.to !== null)) problems.push('a closed gap still awaits backfill')
  return { report, problems }
}

/** Stops the market, waits until the engine has settled, then asserts the identity and returns the figures. */
export async function expectNoSilentLoss(
  rig: Rig,
  expected: { duplicates?: number; rejected?: number; unrecovered?: number } = {}
): Promise<LossReport> {
  rig.sim.faults.pauseTrades(true)
  let last: { report: LossReport; problems: string[] } | null = null
  await waitFor(
    () => {
      last = lossReport(rig)
      return last.problems.length === 0
    },
    { what: 'the no-silent-loss identity', timeoutMs: 5000 }
  ).catch(() => {
    throw new Error(`no-silent-loss identity violated: ${last?.problems.join('; ')} (${JSON.stringify(last?.report)})`)
  })
  const { report } = last!
  // sent + copies + invalid = stored + evicted + duplicates + rejected + unrecovered, exactly.
  expect(report.sent + report.duplicates + report.rejected).toBe(
    report.stored + report.evicted + report.duplicates + report.rejected + report.unrecovered
  )
  if (expected.duplicates !== undefined) expect(report.duplicates).toBe(expected.duplicates)
  if (expected.rejected !== undefined) expect(report.rejected).toBe(expected.rejected)
  if (expected.unrecovered !== undefined) expect(report.unrecovered).toBe(expected.unrecovered)
  recordFigures(report)
  return report
}

/** Holds the event loop for `ms`: a synchronous stall of the whole process (a slow handler, a frozen machine). */
export function blockEventLoop(ms: number): void {
  const end = Date.now() + ms
  while (Date.now() < end) {
    // busy: no timer, socket or callback runs meanwhile
  }
}

/** Totals over the run, printed by the suite for the README figures. */
export const FIGURES = { scenarios: 0, sent: 0, stored: 0, unrecovered: 0, silentlyLost: 0 }
function recordFigures(r: LossReport): void {
  FIGURES.scenarios++
  FIGURES.sent += r.sent
  FIGURES.stored += r.stored
  FIGURES.unrecovered += r.unrecovered
}
