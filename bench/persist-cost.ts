// What persisting a trade costs, apart from ingest: the recorded feed's trades (parsed beforehand)
// enqueued into a durable tier on a fresh file 20,000 at a time, every one drained to disk. Prints
// the CPU of all threads per trade (process.cpuUsage: the event loop and DuckDB's threads) and the
// event loop's busy time per trade (eventLoopUtilization): the share ingest would lose.
// Usage: npx tsx bench/persist-cost.ts [TRADES]   (default 1,000,000; the same feed as `--only persist`)

import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseFrame } from '../src/main/core/bybit/frames'
import { openDurableTier } from '../src/main/core/durable/duckdb-tier'
import type { Trade } from '../src/main/core/trade'
import { ensureFeed, FEED_CATEGORY } from './feed'

const STEP = 20_000

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 1_000_000)
  const feed = await ensureFeed(n, 7)
  const trades: Trade[] = []
  let i = 0
  for (const line of readFileSync(feed.path, 'utf8').split('\n')) {
    if (line === '') continue
    const f = parseFrame(line, FEED_CATEGORY, Date.now() + (i++ % 23))
    if (f.kind === 'trades') trades.push(...f.trades)
  }
  const dir = mkdtempSync(join(tmpdir(), 'mdm-persist-cost-'))
  try {
    const tier = await openDurableTier({ dataDir: dir, retentionDays: 0, retentionGb: 0 })
    const cpu0 = process.cpuUsage()
    const loop0 = performance.eventLoopUtilization()
    const t0 = performance.now()
    for (let k = 0; k < trades.length;) {
      const end = Math.min(trades.length, k + STEP)
      for (; k < end; k++) tier.enqueue(trades[k])
      await new Promise((r) => setTimeout(r, 20))
      while (tier.stats().queue_depth > tier.stats().queue_capacity - 2 * STEP)
        await new Promise((r) => setTimeout(r, 5))
    }
    if (!(await tier.drain(600_000))) throw new Error('the write queue did not drain')
    const wallMs = performance.now() - t0
    const cpu = process.cpuUsage(cpu0)
    const loop = performance.eventLoopUtilization(loop0)
    const s = tier.stats()
    await tier.close()
    const per = (us: number): string => (us / trades.length).toFixed(2)
    console.log(
      `${trades.length.toLocaleString('en-US')} trades (${s.persisted.toLocaleString('en-US')} persisted, ` +
        `${s.not_persisted} not) in ${Math.round(wallMs)} ms: ${per(cpu.user + cpu.system)} µs of CPU per trade, ` +
        `${per(loop.active * 1000)} µs of it on the event loop`
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

void main()
