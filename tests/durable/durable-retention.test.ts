// Retention on a real file: trades older than the kept days go; while the file holds more than the
// size limit the oldest go too; what each run deleted is returned, counted in the stats and logged.

import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { openDurableTier } from '../../src/main/core/durable/duckdb-tier'
import { GB } from '../../src/main/core/durable/retention'
import { recordingLog, removeTempDirs, tempDataDir, trade } from './durable-support'

afterEach(removeTempDirs)

const DAY = 86_400_000
const NOW = 1_760_000_000_000

describe('durable tier: retention', () => {
  it('deletes trades older than the kept days, and counts them', async () => {
    const log = recordingLog()
    const tier = await openDurableTier({ dataDir: tempDataDir(), retentionDays: 30, retentionGb: 5, log })
    const ages = [45, 31, 30.5, 29, 1, 0]
    for (const days of ages) tier.enqueue(trade({ timestamp: NOW - days * DAY }))
    expect(await tier.drain()).toBe(true)
    const res = await tier.enforceRetention(NOW)
    expect(res).toMatchObject({ byAge: 3, bySize: 0 })
    const kept = (await tier.range({})).map((t) => t.timestamp)
    expect(kept).toEqual([NOW, NOW - DAY, NOW - 29 * DAY])
    expect(tier.stats()).toMatchObject({
      rows_on_disk: 3,
      oldest_timestamp: NOW - 29 * DAY,
      retention: { days: 30, gb: 5, deleted: 3, last_run_at: NOW }
    })
    expect(log.lines.find((l) => l.code === 'persist_retention')?.message).toContain('Retention deleted 3 trades')
    // a second run finds nothing more to delete
    expect(await tier.enforceRetention(NOW)).toMatchObject({ byAge: 0, bySize: 0 })
    expect(tier.stats().retention.deleted).toBe(3)
    await tier.close()
  })

  it('deletes the oldest trades while the file is over the size limit, keeping the newest', async () => {
    const dataDir = tempDataDir()
    // three row groups (DuckDB's are 122,880 rows) of random ids: deleting whole ones frees their blocks
    const N = 3 * 122_880
    const trades = Array.from({ length: N }, (_, i) =>
      trade({ timestamp: NOW - N + i, tradeId: randomUUID(), quantity: String(1 + (i % 977)) })
    )
    const probe = await openDurableTier({ dataDir, retentionDays: 0, retentionGb: 0, queueCapacity: N })
    for (const t of trades) probe.enqueue(t)
    expect(await probe.drain(60_000)).toBe(true)
    const full = await probe.enforceRetention(NOW) // no limits: measures only
    expect(full).toMatchObject({ byAge: 0, bySize: 0 })
    await probe.close()

    // a limit of about half what the trades use
    const limitGb = full.usedBytes / 2 / GB
    const tier = await openDurableTier({ dataDir, retentionDays: 0, retentionGb: limitGb })
    const res = await tier.enforceRetention(NOW)
    // more than half the rows (a thinned row group keeps its blocks until a pass empties it), never all
    expect(res.bySize).toBeGreaterThan(N / 2)
    expect(res.bySize).toBeLessThan(N)
    // whole bytes: half of 30 blocks is 3,932,160 bytes, and /GB*GB gives 3,932,159.9999999995
    expect(res.usedBytes).toBeLessThanOrEqual(Math.round(limitGb * GB))
    const s = tier.stats()
    expect(s.rows_on_disk).toBe(N - res.bySize)
    expect(s.retention.deleted).toBe(res.bySize)
    // the newest stayed
    expect((await tier.range({ limit: 1 }))[0].timestamp).toBe(NOW - 1)
    expect(s.oldest_timestamp).toBe(NOW - N + res.bySize)
    await tier.close()
  }, 120_000)
})
