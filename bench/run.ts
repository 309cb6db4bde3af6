// `npm run bench`: every part in one run, on loopback, each measured client in its own process.
// Prints a table, then one JSON line, and writes the JSON to bench/results.json (see --help).
// It prepares what the parts need first (the UI part builds the renderer when missing); a part that
// cannot run or measures nothing fails the run: the reason on stderr, exit 1, no results file.
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join, resolve } from 'node:path'
import { ensureFeed, FEED_SYMBOLS } from './feed'
import { ingestOnce, memoryRun, summarize, type IngestClient, type IngestRunOptions } from './ingest'
import type { IngestResult } from './messages'
import { median } from './stats'
import { liveRun } from './live'
import { processCommandLine } from '../src/main/host/flags/entry-point'
import { benchOptions, type BenchOptions, type Part } from './options'
import { summarizeProfile } from './profile-summary'
import { buildResults, missingMeasures, renderTable, type Measurements } from './report'
import { prepareUi, uiRun } from './ui'
import { NATS_SKIP_REASON, publishRun, startNatsServer } from './publish'

const SYMBOLS = FEED_SYMBOLS.map((s) => s.symbol)

function fmtRate(tps: number): string {
  return Math.round(tps).toLocaleString('en-US')
}

function say(line: string): void {
  process.stderr.write(`[bench] ${line}\n`)
}

function ingestOptions(o: BenchOptions): IngestRunOptions {
  // A slow client gets time in proportion to the feed (ccxt runs ~20k trades/s here).
  return {
    seed: o.seed,
    maxTradesPerSymbol: o.maxTradesPerSymbol,
    timeoutMs: 60_000 + o.trades / 5,
    verbose: o.verbose
  }
}

async function runIngest(o: BenchOptions, m: Measurements): Promise<void> {
  const feed = await ensureFeed(o.trades, o.seed)
  say(
    `ingest: feed ${feed.trades.toLocaleString('en-US')} trades in ${feed.frames.toLocaleString('en-US')} frames (${feed.path})`
  )
  const opts = ingestOptions(o)
  // Round-robin: ceiling and ours alternate, so a burst of machine noise (two cores shared with
  // whatever else runs) lands on both alike; the ratio is the median of the per-round ratios.
  const runs: Record<IngestClient, IngestResult[]> = { json_parse: [], ours: [], ours_persist: [], ccxt: [] }
  for (let i = 0; i < o.repeats; i++) {
    for (const client of ['json_parse', 'ours', 'ours_persist'] as const)
      runs[client].push(await ingestOnce(client, feed, opts))
  }
  for (let i = 0; i < o.ccxtRepeats; i++) runs.ccxt.push(await ingestOnce('ccxt', feed, opts))
  for (const client of ['json_parse', 'ours', 'ours_persist', 'ccxt'] as const) {
    m.ingest[client] = summarize(runs[client])
    const rates = runs[client].map((r) => `${fmtRate(r.tradesPerS)}${r.complete ? '' : ' (incomplete)'}`)
    say(`ingest: ${client}: ${rates.join(', ')} trades/s`)
  }
  m.ingest.pairedRatioOursJson = median(runs.ours.map((r, i) => r.tradesPerS / runs.json_parse[i].tradesPerS))
  m.ingest.pairedRatioOursPersistJson = median(
    runs.ours_persist.map((r, i) => r.tradesPerS / runs.json_parse[i].tradesPerS)
  )
  const persisted = runs.ours_persist.map((r) => r.persist).filter((p) => p !== undefined)
  m.ingest.diskBytesPerTrade = median(
    persisted.flatMap((p) => (p.diskBytesPerTrade === null ? [] : [p.diskBytesPerTrade]))
  )
  for (const p of persisted) {
    say(
      `ingest: ours_persist: ${p.rows.toLocaleString('en-US')} rows on disk, ${p.notPersisted} not persisted, ${p.diskBytesPerTrade?.toFixed(1)} bytes/trade, queue lag p99 ${p.lagP99Ms} ms`
    )
  }
  if (o.cpuProf) {
    const dir = resolve(o.cpuProf)
    mkdirSync(dir, { recursive: true })
    const before = new Set(readdirSync(dir))
    await ingestOnce('ours', feed, { ...opts, clientFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`] })
    // One profile per thread (tsx's loader runs in a worker): the engine's is the biggest.
    const fresh = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile') && !before.has(f))
    const newest = fresh.sort((a, b) => statSync(join(dir, b)).size - statSync(join(dir, a)).size)[0]
    if (newest) {
      const { totalMs, hot } = summarizeProfile(join(dir, newest), 20)
      say(`cpu profile of our engine (${join(dir, newest)}), busy ${totalMs} ms, self time:`)
      for (const h of hot) say(`  ${String(h.selfPct).padStart(5)}%  ${h.name}  ${h.where}`)
    }
  }
}

async function runMemory(o: BenchOptions, m: Measurements): Promise<void> {
  const feed = await ensureFeed(o.memoryTrades, o.seed)
  say(
    `memory: ${feed.trades.toLocaleString('en-US')} trades, cap ${o.maxTradesPerSymbol.toLocaleString('en-US')} per symbol`
  )
  const run = await memoryRun(feed, o.sampleEvery, { ...ingestOptions(o), timeoutMs: 120_000 + o.memoryTrades / 5 })
  m.memory = { ...run, capacity: o.maxTradesPerSymbol * feed.symbols.length, trades: feed.trades }
  for (const s of run.samples) {
    say(
      `memory: ${s.received.toLocaleString('en-US')} received, ${s.stored.toLocaleString('en-US')} held: heap ${s.heapUsedMb.toFixed(1)} MB, rss ${s.rssMb.toFixed(1)} MB`
    )
  }
}

async function runLive(o: BenchOptions, m: Measurements): Promise<void> {
  const opts = {
    seed: o.seed,
    symbols: SYMBOLS,
    maxTradesPerSymbol: o.maxTradesPerSymbol,
    durationMs: o.liveSeconds * 1000,
    verbose: o.verbose
  }
  const at1k = await liveRun(1_000, opts)
  say(`live 1k/s: ${at1k.trades} trades, latency p50 ${at1k.latencyP50Ms} / p99 ${at1k.latencyP99Ms} ms`)
  const at20k = await liveRun(20_000, opts)
  say(
    `live 20k/s: ${at20k.trades} trades, loop p99 ${at20k.loopDelayP99Ms?.toFixed(2)} ms, latency p99 ${at20k.latencyP99Ms} ms`
  )
  const at20kPersist = await liveRun(20_000, { ...opts, persist: true })
  say(
    `live 20k/s persisting: ${at20kPersist.trades} trades, write-queue lag p99 ${at20kPersist.persistLagP99Ms} ms, loop p99 ${at20kPersist.loopDelayP99Ms?.toFixed(2)} ms`
  )
  m.live = { at1k, at20k, at20kPersist }
}

async function runUi(o: BenchOptions, m: Measurements): Promise<void> {
  const opts = {
    seed: o.seed,
    symbols: SYMBOLS,
    maxTradesPerSymbol: o.maxTradesPerSymbol,
    durationMs: o.uiSeconds * 1000,
    warmupMs: o.quick ? 500 : 2000,
    chromiumPath: o.chromium,
    verbose: o.verbose
  }
  const at2k = await uiRun(2_000, opts)
  say(
    `ui 2k/s: frame p95 ${at2k.frameP95Ms?.toFixed(1)} ms, max ${at2k.frameMaxMs?.toFixed(1)} ms, ${at2k.longTasks} long tasks`
  )
  const at10k = await uiRun(10_000, opts)
  say(
    `ui 10k/s: frame p95 ${at10k.frameP95Ms?.toFixed(1)} ms, max ${at10k.frameMaxMs?.toFixed(1)} ms, ${at10k.longTasks} long tasks`
  )
  m.ui = { at2k, at10k }
}

async function runPublish(o: BenchOptions, m: Measurements): Promise<void> {
  const trades = o.quick ? 20_000 : 100_000
  const run = await publishRun({ trades, rate: 2_000, lagSeconds: o.quick ? 3 : 10 })
  say(
    `publish: ${fmtRate(run.tps ?? 0)} acknowledged trades/s (${trades} trades); lag @2k/s p50 ${run.lagP50Ms} / p99 ${run.lagP99Ms} ms`
  )
  // Ingest beside it: the same feed with and without forwarding, paired.
  const feed = await ensureFeed(o.quick ? 30_000 : Math.min(o.trades, 500_000), o.seed)
  const nats = await startNatsServer()
  try {
    const off = await ingestOnce('ours', feed, ingestOptions(o))
    const on = await ingestOnce('ours', feed, { ...ingestOptions(o), publish: [nats.url] })
    say(`publish: ingest ours ${fmtRate(off.tradesPerS)} trades/s off, ${fmtRate(on.tradesPerS)} on`)
    m.publish = { ...run, ingestOffTps: off.tradesPerS, ingestOnTps: on.tradesPerS }
  } finally {
    await nats.close()
  }
}

async function main(): Promise<number> {
  const line = processCommandLine('bench')
  if (line.kind === 'exit') return line.code
  const o = benchOptions(line)
  // Before anything is measured: a part that cannot run fails the run now, not after the others.
  if (o.parts.has('ui')) {
    try {
      await prepareUi(o.chromium, say)
    } catch (e) {
      console.error(`bench: the ui part cannot run: ${(e as Error).message}`)
      return 1
    }
  }
  if (o.parts.has('publish') && NATS_SKIP_REASON !== null) {
    // Skipped, not failed: CI installs nats-server (.ci/run); a machine without it says why.
    say(`skipping publish: ${NATS_SKIP_REASON}`)
    o.parts.delete('publish')
  }
  const started = Date.now()
  const m: Measurements = { ingest: {} }
  const failures = new Map<Part, string>()
  const parts: [Part, (o: BenchOptions, m: Measurements) => Promise<void>][] = [
    ['ingest', runIngest],
    ['memory', runMemory],
    ['live', runLive],
    ['ui', runUi],
    ['publish', runPublish]
  ]
  for (const [name, run] of parts) {
    if (!o.parts.has(name)) continue
    try {
      await run(o, m)
    } catch (e) {
      // One broken part must not hide the others' numbers: record it and go on.
      failures.set(name, (e as Error).message)
      say(`FAILED ${name}: ${(e as Error).message}`)
    }
  }
  const measured = buildResults(m, {})
  for (const name of o.parts) {
    const missing = failures.has(name) ? [] : missingMeasures(measured, name)
    if (missing.length > 0) failures.set(name, `measured nothing for ${missing.join(', ')}`)
  }
  const errors = [...failures].map(([name, why]) => `${name}: ${why}`)
  const results = buildResults(m, {
    quick: o.quick,
    feed_trades: o.trades,
    memory_trades: o.memoryTrades,
    max_trades_per_symbol: o.maxTradesPerSymbol,
    repeats: o.repeats,
    seed: o.seed,
    node: process.version,
    cpus: cpus().length,
    at: new Date().toISOString(),
    duration_s: Math.round((Date.now() - started) / 1000),
    errors,
    complete: errors.length === 0
  })
  console.log(renderTable(results, new Set(failures.keys())))
  console.log(JSON.stringify(results))
  if (errors.length > 0) {
    console.error(`bench: incomplete, ${o.out} not written: ${errors.join('; ')}`)
    return 1
  }
  writeFileSync(resolve(o.out), JSON.stringify(results, null, 2) + '\n')
  return 0
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e)
    process.exit(1)
  }
)
