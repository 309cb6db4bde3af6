// The guide says "monitor logs for storage operations": the log's last `Total trades for SYMBOL`
// must equal what storage holds within one tick (1 s), however many lines were folded.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { FoldedLines } from '../../src/main/core/log/folded-log'
import { RingLog } from '../../src/main/core/log/engine-log'
import type { LogEntry } from '../../src/shared/dto'
import { startStack, waitSubscribed, type Stack } from '../support/stack'
import { waitFor } from '../support/wait-for'
import { hasRealFixtures, REAL_FIXTURES_ABSENT_REASON, REAL_FIXTURES_DIR } from '../support/fixtures'

describe('FoldedLines', () => {
  const written: string[] = []
  const lines = (): FoldedLines<string> => new FoldedLines<string>(2, 1000, (p, n, s) => written.push(`${p}#${n}${s}`))
  afterEach(() => void written.splice(0))

  it('writes the burst, folds the rest, and flushes the newest folded line on the next tick', () => {
    const f = lines()
    for (let i = 1; i <= 6; i++) f.offer('k', 100 + i, 'line', i)
    expect(written).toEqual(['line#1', 'line#2'])
    f.flush(500) // the next tick, well inside the interval: the newest folded line is written now
    expect(written).toEqual(['line#1', 'line#2', 'line#6 (3 similar lines folded)'])
    f.flush(5000) // nothing folded since: nothing to write
    expect(written).toHaveLength(3)
  })

  it('counts the flushed line out of the next suffix, restarts the interval, and keeps keys apart', () => {
    const f = lines()
    for (let i = 1; i <= 4; i++) f.offer('a', 10, 'a', i)
    f.offer('b', 10, 'b', 1)
    f.flush(1010)
    f.offer('a', 1020, 'a', 5) // inside the interval the flush restarted: folded
    f.offer('a', 2020, 'a', 6) // interval over: written, saying one was folded
    expect(written).toEqual(['a#1', 'a#2', 'b#1', 'a#4 (1 similar lines folded)', 'a#6 (1 similar lines folded)'])
  })

  it('writes a pending line on stop, however recent the last one', () => {
    const f = lines()
    for (let i = 1; i <= 3; i++) f.offer('k', 10, 'x', i)
    f.flush(11)
    expect(written).toEqual(['x#1', 'x#2', 'x#3'])
  })
})

describe('RingLog stdout level', () => {
  it('keeps DEBUG entries for the UI but prints only the chosen level and above', () => {
    const printed: string[] = []
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed.push(String(chunk))
      return true
    })
    try {
      const log = new RingLog({ stdout: true, stdoutLevel: 'INFO' })
      log.log('DEBUG', 'bybit_trades', 'Processed trade: Trade(...)')
      log.log('INFO', 'bybit_trades', 'Stored trade #1')
      const verbose = new RingLog({ stdout: true, stdoutLevel: 'DEBUG' })
      verbose.log('DEBUG', 'bybit_trades', 'Processed trade: Trade(...)')
      expect(log.recent(10).map((e) => e.level)).toEqual(['DEBUG', 'INFO'])
      expect(printed).toHaveLength(2)
      expect(printed[0]).toMatch(/ - bybit_trades - INFO - Stored trade #1\n$/)
      expect(printed[1]).toMatch(/ - bybit_trades - DEBUG - Processed trade: Trade\(\.\.\.\)\n$/)
    } finally {
      spy.mockRestore()
    }
  })
})

describe('the log after storage changes outside the ingest path', () => {
  let stack: Stack | undefined
  afterEach(async () => {
    await stack?.close()
    stack = undefined
  })

  /** The collector's `Total trades for SYMBOL` lines, oldest first. */
  const totals = (engine: Stack['engine'], symbol: string): string[] =>
    engine.log
      .recent(5000)
      .filter((e) => e.logger === 'bybit_trades' && e.message.startsWith(`Total trades for ${symbol}: `))
      .map((e) => `${e.level} ${e.message}`)

  it('says the new total of every symbol a smaller limit or Clear storage changed, at once', async () => {
    stack = await startStack({
      engine: { settings: { symbols: ['BTCUSDT', 'ETHUSDT'], maxTradesPerSymbol: 1000 } }
    })
    const { engine, sim } = stack
    await waitSubscribed(engine)
    sim.emitTrades('spot', 'BTCUSDT', 300)
    sim.emitTrades('spot', 'ETHUSDT', 3)
    await waitFor(
      () =>
        totals(engine, 'BTCUSDT').at(-1) === 'INFO Total trades for BTCUSDT: 300' &&
        totals(engine, 'ETHUSDT').at(-1) === 'INFO Total trades for ETHUSDT: 3',
      { what: 'the log to say 300 and 3 (nothing left folded)' }
    )
    const ethLines = totals(engine, 'ETHUSDT').length

    await engine.handlers.updateSettings({ maxTradesPerSymbol: 100 })
    expect(totals(engine, 'BTCUSDT').at(-1)).toBe('INFO Total trades for BTCUSDT: 100')
    expect(totals(engine, 'ETHUSDT')).toHaveLength(ethLines) // 3 still fit: unchanged, no line

    expect(engine.handlers.clearStorage().ok).toBe(true)
    expect(totals(engine, 'BTCUSDT').at(-1)).toBe('INFO Total trades for BTCUSDT: 0')
    expect(totals(engine, 'ETHUSDT').at(-1)).toBe('INFO Total trades for ETHUSDT: 0')
    expect(engine.storage.totalTrades).toBe(0)
  })
})

const SPOT_CAPTURE = 'open-trader_spot_BTCUSDC_ws_2025-10-26.jsonl'

describe.skipIf(!hasRealFixtures())(
  `the real spot BTCUSDC capture (${hasRealFixtures() ? 'present' : REAL_FIXTURES_ABSENT_REASON})`,
  () => {
    let stack: Stack | undefined
    afterEach(async () => {
      await stack?.close()
      stack = undefined
    })

    /** Replays the capture at once (24 trades within milliseconds, so 19 lines fold) and waits until stored. */
    const replayCapture = async (): Promise<Stack['engine']> => {
      stack = await startStack({
        simulator: { replayFile: `${REAL_FIXTURES_DIR}/${SPOT_CAPTURE}`, replaySpeed: 0 },
        engine: { settings: { category: 'spot', symbols: ['BTCUSDC'] } }
      })
      const { engine, sim } = stack
      await sim.replayDone()
      await waitFor(() => engine.storage.symbolCount('spot', 'BTCUSDC') === 24, { what: '24 trades stored' })
      return engine
    }

    const messages = (engine: Stack['engine']): string[] =>
      engine.log.recent(5000).map((e: LogEntry) => `${e.level} ${e.message}`)
    const lastTotal = (engine: Stack['engine']): string | undefined =>
      messages(engine)
        .filter((m) => m.startsWith('INFO Total trades for BTCUSDC: '))
        .at(-1)

    it('ends its log with the stored total (24), not the last line before folding began', async () => {
      const engine = await replayCapture()
      await waitFor(() => lastTotal(engine) === 'INFO Total trades for BTCUSDC: 24', {
        what: 'the log to say 24 on the next tick',
        timeoutMs: 3000
      })
      const stored = messages(engine).filter((m) => m.startsWith('INFO Stored trade #'))
      // 5 lines in the burst, then the newest of the 19 folded ones, counting the 18 it stands for.
      expect(stored).toHaveLength(6)
      expect(stored.at(-1)).toMatch(
        /^INFO Stored trade #24: BTCUSDC (BUY|SELL) [\d.]+@[\d.]+ \(18 similar lines folded\)$/
      )
    })

    it("writes the guide's DEBUG line for processed trades, folded like the others", async () => {
      const engine = await replayCapture()
      const debug = (): string[] => messages(engine).filter((m) => m.startsWith('DEBUG Processed trade: '))
      expect(debug()[0]).toBe(
        "DEBUG Processed trade: Trade(symbol='BTCUSDC', side='SELL', price=Decimal('114513.1'), " +
          "quantity=Decimal('0.00862'), timestamp=1761520812163, exchange='bybit', category='spot', " +
          "trade_id='2240000000970262966')"
      )
      await engine.stop() // stop writes every folded line at once
      expect(debug()).toHaveLength(6)
      expect(debug().at(-1)).toMatch(/\(18 similar lines folded\)$/)
    })
  }
)
