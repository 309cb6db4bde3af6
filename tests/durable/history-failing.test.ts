// /collectors/history while the database file cannot be opened (a tier that keeps retrying): the
// answer is the persist stats with the failure and its code, as when no tier could be made at all,
// never an internal error.

import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDurableTier } from '../../src/main/core/durable/duckdb-tier'
import type { OpenTier } from '../../src/main/core/durable/open-tier'
import type { Engine } from '../../src/main/core/engine'
import { testEngine } from '../support/engine-harness'
import { removeTempDirs, tempDataDir } from './durable-support'

let engine: Engine | null = null
afterEach(async () => {
  await engine?.stop()
  engine = null
  removeTempDirs()
})

describe('history while the file cannot be opened', () => {
  it('answers with the failing state and its code, no symbols', async () => {
    // the data dir path is a file: the tier cannot open it and keeps retrying
    const dataDir = path.join(tempDataDir(), 'not-a-dir')
    writeFileSync(dataDir, 'x')
    const open: OpenTier = async (o) => {
      const tier = await openDurableTier({ ...o, onOpenFailure: 'retry' })
      return { tier, enforceRetention: async () => 0, setRetention: () => {} }
    }
    engine = testEngine(
      { category: 'linear', symbols: ['BTCUSDT'], wsUrl: 'ws://127.0.0.1:9/v5/public/linear' },
      { persist: { dataDir, open, retentionIntervalMs: 60_000 }, logFolder: null }
    )
    await engine.start()
    const h = await engine.handlers.getHistory()
    expect(h.symbols).toEqual([])
    expect(h.persist.state).toBe('failing')
    expect(h.persist.last_error?.code).toMatch(/^persist_/)
  })
})
