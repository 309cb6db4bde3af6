// `npm run serve` with a data dir, spawned as a user runs it, over a real DuckDB file in a temp dir:
// a data dir that cannot be created is one coded line and exit 2 (unless --no-persist); a second
// engine on the same dir is refused (DuckDB's lock) while the first goes on; and a `kill -9` under
// load, then a restart on the same dir: the file opens, the outage is a `restart` gap backfilled
// from the simulator's REST, and every trade the simulator executed is on disk exactly once.

import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDurableTier } from '../../src/main/core/durable/duckdb-tier'
import type { GapRecord, StorageStats } from '../../src/shared/dto'
import { startScript, type RunningScript } from '../support/child-script'
import { freePort } from '../support/loopback'
import { startStack, type SimulatorStack } from '../support/stack'
import { waitFor } from '../support/wait-for'
import { http } from '../http/support'
import { removeTempDirs, tempDataDir } from '../durable/durable-support'

const running: RunningScript[] = []
let simulator: SimulatorStack | null = null
afterEach(async () => {
  for (let r = running.pop(); r; r = running.pop()) await r.stop()
  await simulator?.close()
  simulator = null
  removeTempDirs()
})

/** Persistence on (spawned scripts default to MDM_NO_PERSIST=1). */
const PERSIST_ENV = { MDM_NO_PERSIST: '0', MDM_UI_BUILD: 'off' }

function serve(args: string[], env: Record<string, string> = PERSIST_ENV): RunningScript {
  const run = startScript('src/cli/serve.ts', args, { env })
  running.push(run)
  return run
}

async function json<T>(port: number, route: string): Promise<T> {
  const r = await http(port, route)
  if (r.status !== 200) throw new Error(`${route}: ${r.status} ${r.text}`)
  return JSON.parse(r.text) as T
}

describe('npm run serve with a data dir', () => {
  it('refuses a data dir that cannot be created: one coded line naming the path, exit 2; --no-persist runs anyway', async () => {
    const file = path.join(tempDataDir(), 'a-file')
    writeFileSync(file, 'not a folder\n')
    const bad = path.join(file, 'data')
    const run = serve(['--no-mirror', '--data-dir', bad, '--ws-url', 'ws://127.0.0.1:1/v5/public/spot'])
    expect(await run.exited).toBe(2)
    expect(run.out()).toBe('')
    expect(run.err()).toMatch(
      new RegExp(
        `^serve: data_dir_unusable: the data dir ${bad} cannot be created \\(ENOTDIR[^\\n]*\\); give another --data-dir \\(MDM_DATA_DIR\\) or run with --no-persist\\n$`
      )
    )

    const memoryOnly = serve([
      '--no-mirror',
      '--no-persist',
      '--data-dir',
      bad,
      '--ws-url',
      'ws://127.0.0.1:1/v5/public/spot'
    ])
    await waitFor(() => memoryOnly.out().includes('Mirror disabled (--no-mirror)'), {
      what: 'serve running',
      timeoutMs: 15_000
    })
    expect(memoryOnly.out()).toContain(`The data dir ${bad} cannot be created`)
    expect(memoryOnly.out()).toContain('no log file (--no-persist: trades stay in memory)')
    await memoryOnly.stop()
    expect(memoryOnly.child.exitCode).toBe(0)
  })

  it('a second engine on the same data dir is refused (exit 2) and the first goes on writing', async () => {
    simulator = await startStack({ simulator: { tradesPerSecond: 20, seed: 11 }, engine: false })
    const { sim } = simulator
    const dir = tempDataDir()
    const args = ['--no-mirror', '--data-dir', dir, '--ws-url', sim.wsUrl('spot'), '--rest-url', sim.restUrl]
    const first = serve(args)
    await waitFor(() => /Total trades for BTCUSDT: \d+/.test(first.out()), {
      what: 'the first collecting',
      timeoutMs: 15_000
    })

    const second = serve(args)
    expect(await second.exited).toBe(2)
    const lines = second.err().trimEnd().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(new RegExp(`^serve: data_dir_locked: the data dir ${dir} is in use by another engine`))
    expect(lines[0]).toMatch(/another --data-dir/)

    const log = path.join(dir, 'logs', 'market-data-monitor.log')
    await first.stop()
    expect(first.child.exitCode).toBe(0)
    expect(existsSync(log)).toBe(true)
    const text = readFileSync(log, 'utf8')
    expect(text).toMatch(/Persisting trades to .*trades\.duckdb/)
    expect(text).toMatch(/Data dir closed: \d+ trades written this run, 0 not persisted/)
    expect(text).not.toMatch(/is in use by another engine/)
  }, 60_000)

  it('kill -9 under load, then a restart on the same dir: no corruption, the outage backfilled, every trade stored once', async () => {
    simulator = await startStack({ simulator: { tradesPerSecond: 25, seed: 5 }, engine: false })
    const { sim } = simulator
    const dir = tempDataDir()
    const start = async (): Promise<{ run: RunningScript; port: number }> => {
      const port = await freePort()
      const run = serve([
        '--data-dir',
        dir,
        '--port',
        String(port),
        '--category',
        'linear',
        '--symbols',
        'BTCUSDT',
        '--ws-url',
        sim.wsUrl('linear'),
        '--rest-url',
        sim.restUrl
      ])
      await waitFor(() => run.out().includes(`http://127.0.0.1:${port}/`), { what: 'the mirror', timeoutMs: 20_000 })
      return { run, port }
    }
    const persisted = async (port: number) => (await json<StorageStats>(port, '/collectors/storage/stats')).persist

    const a = await start()
    await waitFor(async () => ((await persisted(a.port))?.persisted ?? 0) >= 50, {
      what: '50 persisted',
      timeoutMs: 15_000
    })
    a.run.child.kill('SIGKILL')
    await a.run.exited
    const killedAt = sim.sent().length
    // The exchange trades on through the outage.
    await waitFor(() => sim.sent().length >= killedAt + 25, { what: 'trades during the outage', timeoutMs: 5000 })

    const b = await start()
    expect((await persisted(b.port))?.state).toBe('ok')
    const gap = await waitFor(
      async () => {
        const g = (await json<{ gaps: GapRecord[] }>(b.port, '/collectors/gaps')).gaps.find(
          (x) => x.cause === 'restart'
        )
        return g && g.backfill !== 'pending' ? g : null
      },
      { what: 'the restart gap settled', timeoutMs: 15_000 }
    )
    expect(gap.backfill).toBe('complete')
    expect(gap.recovered).toBeGreaterThanOrEqual(25)
    const after = sim.sent().length
    await waitFor(() => sim.sent().length >= after + 25, { what: 'trades after the restart', timeoutMs: 5000 })
    await b.run.stop()
    expect(b.run.child.exitCode).toBe(0)

    // The file as a third process would read it.
    const tier = await openDurableTier({ dataDir: dir, retentionDays: 0, retentionGb: 0 })
    const onDisk: string[] = []
    for await (const batch of tier.exportRange({ symbol: 'BTCUSDT' })) for (const t of batch) onDisk.push(t.tradeId)
    await tier.close()
    const sent = sim
      .sent()
      .filter((t) => t.category === 'linear' && t.symbol === 'BTCUSDT')
      .map((t) => t.tradeId)
    expect(new Set(onDisk).size).toBe(onDisk.length)
    const first = sent.indexOf(onDisk[0])
    const last = Math.max(...onDisk.map((id) => sent.indexOf(id)))
    expect(first).toBeGreaterThanOrEqual(0)
    const expected = sent.slice(first, last + 1)
    expect(new Set(onDisk)).toEqual(new Set(expected))
    // Before the kill (at least the 50 persisted before it), during the outage and after the restart: all there.
    expect(last).toBeGreaterThan(after)
    expect(first).toBeLessThanOrEqual(killedAt - 50)
  }, 90_000)
})
