// Review of the mdm_batch write path: copies in a batch found over the id words must not depend on
// words an id kind does not use (a recycled segment keeps the previous trade's words there).

import { afterEach, describe, expect, it } from 'vitest'
import { openDurableTier } from '../../src/main/core/durable/duckdb-tier'
import { removeTempDirs, tempDataDir, trade } from './durable-support'

afterEach(removeTempDirs)

const opts = (dataDir: string) => ({ dataDir, retentionDays: 0, retentionGb: 0, flushIntervalMs: 60_000 })

describe('durable tier: copies in a batch of a recycled segment', () => {
  it('finds a numeric id twice in a batch whose slots held UUIDs before', async () => {
    const tier = await openDurableTier(opts(tempDataDir()))
    // first batch: two UUID trades fill slots 0 and 1 of a segment (all four words written)
    tier.enqueue(trade({ tradeId: '11111111-2222-3333-4444-555555555555' }))
    tier.enqueue(trade({ tradeId: '66666666-7777-8888-9999-aaaaaaaaaaaa' }))
    expect(await tier.drain()).toBe(true)
    // second batch in the recycled segment: one numeric id twice, in slots 0 and 1
    const a = trade({ tradeId: '2290000000090712222' })
    tier.enqueue(a)
    tier.enqueue(a)
    expect(await tier.drain()).toBe(true)
    expect(tier.stats()).toMatchObject({ persisted: 3, duplicates_skipped: 1, rows_on_disk: 3 })
    await tier.close()
  })

  it('finds an odd id twice in a batch whose slots held numeric ids before', async () => {
    const tier = await openDurableTier(opts(tempDataDir()))
    tier.enqueue(trade({ tradeId: '123' }))
    tier.enqueue(trade({ tradeId: '456' }))
    expect(await tier.drain()).toBe(true)
    const a = trade({ tradeId: 'odd-id-1' })
    tier.enqueue(a)
    tier.enqueue(a)
    expect(await tier.drain()).toBe(true)
    expect(tier.stats()).toMatchObject({ persisted: 3, duplicates_skipped: 1, rows_on_disk: 3 })
    await tier.close()
  })
})
