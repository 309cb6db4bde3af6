// Exact per-symbol sums over real HTTP: a real Bybit capture (spot BTCUSDC, 24 trades in 16 frames)
// replayed by the simulator into the real engine, read back from /collectors/storage/stats.
//
// The expected strings were computed once, independently of this code base, with Python's decimal
// module at 200 digits of precision: the sums of the capture's `v` by side, Σ p × v, and
// (Σ p × v) / (Σ v) quantized half-even to 5 places (the capture's prices have 1 decimal, + 4),
// printed as format(d.normalize(), 'f').

import { afterEach, describe, expect, it } from 'vitest'
import type { StorageStats } from '../../src/shared/dto'
import { hasRealFixtures, REAL_FIXTURES_ABSENT_REASON, REAL_FIXTURES_DIR } from '../support/fixtures'
import { startStack, waitSubscribed } from '../support/stack'
import { waitFor } from '../support/wait-for'
import { getJson } from './support'

const CAPTURE = `${REAL_FIXTURES_DIR}/open-trader_spot_BTCUSDC_ws_2025-10-26.jsonl`

/** Every trade of the capture (16 buys, 8 sells), by hand. */
const ALL_24 = {
  trades: 24,
  buy_volume: '0.165207',
  sell_volume: '0.394031',
  notional: '64044.1771819',
  vwap: '114520.4317'
}

/** The newest 10 trades of the capture (7 buys, 3 sells), by hand. */
const NEWEST_10 = {
  trades: 10,
  buy_volume: '0.065198',
  sell_volume: '0.079831',
  notional: '16608.7355431',
  vwap: '114520.09973'
}

let close: (() => Promise<void>) | undefined
afterEach(async () => {
  await close?.()
  close = undefined
})

/** Replays the capture into an engine holding at most `maxTradesPerSymbol`, and returns the stats over HTTP. */
async function replayedStats(maxTradesPerSymbol: number): Promise<StorageStats> {
  const stack = await startStack({
    simulator: { replayFile: CAPTURE, replaySpeed: 0 },
    engine: { settings: { symbols: ['BTCUSDC'], maxTradesPerSymbol } },
    mirror: true
  })
  close = stack.close
  await waitSubscribed(stack.engine, ['BTCUSDC'])
  await stack.sim.replayDone()
  const read = async (): Promise<StorageStats> =>
    (await getJson<StorageStats>(stack.mirrorPort, '/collectors/storage/stats')).body
  await waitFor(async () => (await read()).accounting.received === 24, { what: 'the 24 captured trades received' })
  return read()
}

describe.skipIf(!hasRealFixtures())(
  `exact sums of a real capture over HTTP (${hasRealFixtures() ? 'capture present' : REAL_FIXTURES_ABSENT_REASON})`,
  () => {
    it('per symbol: buy and sell volume, notional and VWAP equal the hand sums to the last digit', async () => {
      const stats = await replayedStats(1000)
      expect(stats.total_trades).toBe(24)
      expect(stats.sums_by_symbol).toEqual({ BTCUSDC: { ...ALL_24, last_minute: ALL_24 } })
    })

    it('at a 10-trade limit the held sums are the newest 10 trades; the last minute still counts all 24', async () => {
      const stats = await replayedStats(10)
      expect(stats.evicted).toBe(14)
      expect(stats.sums_by_symbol.BTCUSDC).toEqual({ ...NEWEST_10, last_minute: ALL_24 })
    })
  }
)
