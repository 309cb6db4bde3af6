// The simulator at market scale, measured from outside: the simulator CLI in its own process with a
// board per category and a total Zipf rate, one client process subscribing every Trading topic of
// every category (spot 10 per request), counting what arrives, then a burst. Prints one JSON line.
//   npx tsx bench/sim-scale.ts [--seconds S] [--rate N] [--linear N --spot N --inverse N] [--burst-seconds S]
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import WebSocket from 'ws'
import type { SimStatsSnapshot } from '../src/simulator'

type Category = 'spot' | 'linear' | 'inverse'

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}

const seconds = arg('seconds', 10)
const rate = arg('rate', 20_000)
const burstSeconds = arg('burst-seconds', 3)
const counts: Record<Category, number> = {
  linear: arg('linear', 700),
  spot: arg('spot', 600),
  inverse: arg('inverse', 200)
}

async function main(): Promise<void> {
  const flags = ['--port', '0', '--seed', '7', '--total-rate', String(rate), '--instruments']
  flags.push(
    Object.entries(counts)
      .map(([c, n]) => `${c}:${n}`)
      .join(',')
  )
  const nodeFlags = process.env.SIM_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SIM_CPU_PROF}`] : []
  const script = join(__dirname, '../src/cli/simulator.ts')
  const child = spawn(process.execPath, ['--import', 'tsx', ...nodeFlags, script, ...flags], {
    stdio: ['ignore', 'pipe', 'inherit']
  })
  try {
    const base = await new Promise<string>((resolve, reject) => {
      let out = ''
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString()
        const m = /stats\s+(http:\/\/[^/]+)\/sim\/stats/.exec(out)
        if (m) resolve(m[1])
      })
      child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)))
    })
    const received = { trades: 0, frames: 0 }
    const sockets: WebSocket[] = []
    let topics = 0
    for (const category of ['linear', 'spot', 'inverse'] as const) {
      const symbols = await listing(base, category)
      topics += symbols.length
      const ws = new WebSocket(`${base.replace('http', 'ws')}/v5/public/${category}`, { perMessageDeflate: false })
      sockets.push(ws)
      await new Promise((r) => ws.once('open', r))
      ws.on('message', (data: Buffer) => {
        const text = data.toString()
        if (!text.startsWith('{"topic"')) return
        received.frames++
        received.trades += (JSON.parse(text) as { data: unknown[] }).data.length
      })
      const per = category === 'spot' ? 10 : 1000
      for (let k = 0; k < symbols.length; k += per) {
        ws.send(JSON.stringify({ op: 'subscribe', args: symbols.slice(k, k + per).map((s) => `publicTrade.${s}`) }))
      }
    }
    await sleep(1000) // subscriptions settle, the market warms up
    const cpuFrom = cpuMs(child.pid)
    const steady = await window(received, seconds)
    const steadyCpu = (cpuMs(child.pid) - cpuFrom) / (seconds * 1000)
    const steadyStats = (await (await fetch(`${base}/sim/stats`)).json()) as SimStatsSnapshot
    await fetch(`${base}/sim/burst?rate=50000&seconds=${burstSeconds}`, { method: 'POST' })
    const burstCpuFrom = cpuMs(child.pid)
    const burst = await window(received, burstSeconds)
    const burstCpu = (cpuMs(child.pid) - burstCpuFrom) / (burstSeconds * 1000)
    await sleep(500)
    const stats = (await (await fetch(`${base}/sim/stats`)).json()) as SimStatsSnapshot
    for (const ws of sockets) ws.terminate()
    console.log(
      JSON.stringify({
        topics,
        total_rate: rate,
        received_trades_per_s: Math.round(steady.trades / seconds),
        received_frames_per_s: Math.round(steady.frames / seconds),
        sim_cpu_cores_steady: Math.round(steadyCpu * 100) / 100,
        burst_received_trades_per_s: Math.round(burst.trades / burstSeconds),
        sim_cpu_cores_burst: Math.round(burstCpu * 100) / 100,
        sim_loop_delay_ms_steady: steadyStats.event_loop_delay_ms,
        sim_loop_delay_ms_with_burst: stats.event_loop_delay_ms,
        rejected_requests: stats.rejected_requests.total,
        subscribe_requests: stats.subscribe_requests.total,
        topics_subscribed: stats.topics_subscribed
      })
    )
  } finally {
    child.kill('SIGTERM')
  }
}

/** The child's user + system CPU time so far, from /proc (Linux). */
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
}

async function listing(base: string, category: Category): Promise<string[]> {
  const out: string[] = []
  for (let cursor = '', k = 0; k < 50; k++) {
    const q = `category=${category}&limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
    const body = (await (await fetch(`${base}/v5/market/instruments-info?${q}`)).json()) as {
      result: { list: { symbol: string }[]; nextPageCursor?: string }
    }
    out.push(...body.result.list.map((i) => i.symbol))
    cursor = body.result.nextPageCursor ?? ''
    if (cursor === '' || body.result.list.length === 0) break
  }
  return out
}

async function window(
  counter: { trades: number; frames: number },
  s: number
): Promise<{ trades: number; frames: number }> {
  const from = { ...counter }
  await sleep(s * 1000)
  return { trades: counter.trades - from.trades, frames: counter.frames - from.frames }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
}

main().catch((err: unknown) => {
  console.error(err)
  process.exitCode = 1
})
