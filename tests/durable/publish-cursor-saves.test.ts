// The forwarder's cursor in the database file: saves that overlap (the periodic one still running
// when the one at stop begins) both succeed, in call order, so the newest cursor is what stays.

import { afterEach, describe, expect, it } from 'vitest'
import { openDurableTier } from '../../src/main/core/durable/duckdb-tier'
import { durableBacklog } from '../../src/main/core/forward/durable-backlog'
import { removeTempDirs, tempDataDir } from './durable-support'

afterEach(removeTempDirs)

const cursor = (timestamp: number, id: string) => ({
  category: 'linear' as const,
  symbol: 'BTCUSDT',
  timestamp,
  trade_id: id
})

describe('forwarding cursor saves', () => {
  it('overlapping saves all succeed and the last one called is kept', async () => {
    const tier = await openDurableTier({ dataDir: tempDataDir(), retentionDays: 0, retentionGb: 0 })
    const backlog = durableBacklog(tier, 'TRADES')
    await backlog.saveCursors([cursor(1, 'a')])
    for (let k = 0; k < 10; k++) {
      const saves = [backlog.saveCursors([cursor(10 * k + 2, 'b')]), backlog.saveCursors([cursor(10 * k + 3, 'c')])]
      const settled = await Promise.allSettled(saves)
      expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled'])
      expect(await backlog.loadCursors()).toEqual([cursor(10 * k + 3, 'c')])
    }
    await tier.close()
  })
})
