// Which gaps the engine keeps open in the file, on a real DuckDB tier: a gap already open when the
// tier is watched is marked at once; a gap ends there once REST was asked (complete, partial) or its
// symbol is retired, and stays when its backfill failed or was skipped (the next start tries again),
// one row per symbol however often; a restart gap over a gap still open in this process reaches back
// to the oldest row, and its row replaces the rows it covers.

import { afterEach, describe, expect, it } from 'vitest'
import { GapTracker } from '../../src/main/core/collector/gaps'
import { openDurableTier } from '../../src/main/core/durable/duckdb-tier'
import { NamedLog, RingLog } from '../../src/main/core/log/engine-log'
import { RestartGaps } from '../../src/main/core/engine/restart-gaps'
import type { BackfillOutcome } from '../../src/shared/dto'
import { removeTempDirs, tempDataDir } from '../durable/durable-support'

afterEach(removeTempDirs)

const C = 'bybit_trades'

describe('the engine’s gaps in the file', () => {
  it('marks, keeps and ends them by what their backfill did', async () => {
    const tier = await openDurableTier({ dataDir: tempDataDir(), retentionDays: 0, retentionGb: 0 })
    const gaps = new GapTracker()
    const log = new RingLog({ capacity: 100, stdout: false })
    const restart = new RestartGaps(gaps, new NamedLog(log, 'persist'))
    // As the collector does: the gap closes when the topic is live again, then its backfill settles it.
    const settle = (id: number, backfill: BackfillOutcome): void => {
      const g = gaps.list().find((x) => x.id === id)
      if (g?.to === null) gaps.closeGap(C, g.symbol, 9000, g.category)
      gaps.settle(id, { backfill, recovered: 0, unrecovered: null, detail: backfill })
    }
    const onDisk = async (): Promise<string[]> => {
      expect(await tier.drain()).toBe(true)
      return (await tier.openGaps()).map((g) => `${g.symbol} ${g.from} ${g.cause}`)
    }

    const before = gaps.openGap(C, 'BTCUSDT', 5000, 'disconnect', 'linear')
    restart.watch(tier)
    expect(await onDisk()).toEqual(['BTCUSDT 5000 disconnect'])

    const failed = gaps.openGap(C, 'ETHUSDT', 2000, 'disconnect', 'linear')
    const skipped = gaps.openGap(C, 'XRPUSDT', 3000, 'stale', 'linear')
    const partial = gaps.openGap(C, 'SOLUSDT', 4000, 'disconnect', 'linear')
    gaps.openGap(C, 'ADAUSDT', 4500, 'disconnect', 'linear')
    settle(failed.id, 'failed')
    settle(skipped.id, 'skipped')
    settle(partial.id, 'partial')
    gaps.retire(C, (g) => g.symbol !== 'ADAUSDT', 6000)
    expect(await onDisk()).toEqual(['ETHUSDT 2000 disconnect', 'XRPUSDT 3000 stale', 'BTCUSDT 5000 disconnect'])

    // ETHUSDT fails again, later: the row from 2000 already reaches back past it, so one row stays.
    const again = gaps.openGap(C, 'ETHUSDT', 2500, 'disconnect', 'linear')
    settle(again.id, 'failed')
    settle(failed.id, 'failed') // settled twice: still kept
    expect(await onDisk()).toEqual(['ETHUSDT 2000 disconnect', 'XRPUSDT 3000 stale', 'BTCUSDT 5000 disconnect'])

    // The engine restarts in this process while BTCUSDT's gap is still open; an earlier run left a
    // row for it from 1000. The restart gap is that same gap, reaching back to 1000.
    tier.markGap({
      op: 'open',
      gap: { run: 'earlier', gapId: 7, category: 'linear', symbol: 'BTCUSDT', from: 1000, cause: 'disconnect' }
    })
    expect(await tier.drain()).toBe(true)
    await restart.open(tier, (category, symbol) => category === 'linear' && symbol === 'BTCUSDT')
    expect(gaps.list().find((g) => g.id === before.id)?.from).toBe(1000)
    expect(log.recent(10).map((e) => e.message)).toContainEqual(
      expect.stringMatching(
        /^Gap #\d+ for BTCUSDT opened \(restart\): no trade on disk; 1 gap\(s\) of an earlier run never backfilled on disk, the oldest from 1970-01-01T00:00:01\.000Z \(disconnect\)/
      )
    )
    // The restart gap's row stands for the earlier run's, which goes in the same write.
    expect(await onDisk()).toEqual(['BTCUSDT 1000 disconnect', 'ETHUSDT 2000 disconnect', 'XRPUSDT 3000 stale'])
    expect((await tier.openGaps()).find((g) => g.symbol === 'BTCUSDT')?.run).not.toBe('earlier')
    settle(before.id, 'complete')
    expect(await onDisk()).toEqual(['ETHUSDT 2000 disconnect', 'XRPUSDT 3000 stale'])
    restart.stop()
    await tier.close()
  })
})
