// `npm run doctor -- [serve flags] [--url URL] [--timeout S] [--token T]`: the guide's "quick
// diagnosis commands" as one. Runs the engine briefly (or asks a running mirror with --url), prints
// the checklist and the network diagnostics, and exits 0 when everything passes, 1 otherwise, 2 for
// bad flags.

import { createEngine } from '../main/core/engine'
import { createMirrorToken, startMirror } from '../main/http'
import type { ChecklistReport, DiagnosticsReport } from '../shared/dto'
import { parseFlags, usage as serveUsage } from './flags'
import { renderDoctor, type Paint } from './doctor-output'

interface DoctorFlags {
  url: string | null
  timeoutS: number
  token: string | null
  rest: string[]
}

type DoctorParse = { kind: 'ok'; flags: DoctorFlags } | { kind: 'error'; message: string } | { kind: 'help' }

const DOCTOR_USAGE = [
  'Usage: npm run doctor -- [flags]',
  '',
  'Runs the engine briefly with the same flags as serve (or queries a running mirror with --url),',
  'prints the debugging checklist and the network diagnostics. Exit 0: all pass; 1: something does not; 2: bad flags.',
  '',
  'Doctor flags:',
  `  ${'--url URL'.padEnd(30)} ask a running mirror (e.g. http://127.0.0.1:8000) instead of starting an engine`,
  `  ${'--timeout S'.padEnd(30)} wait at most S seconds for the checklist to settle (default 15)`,
  `  ${'--token TOKEN'.padEnd(30)} with --url: the mirror token, to run diagnostics there [env MDM_TOKEN]`,
  '',
  serveUsage('npm run doctor --').split('\n').slice(2).join('\n')
].join('\n')

export function parseDoctorFlags(argv: readonly string[], env: Record<string, string | undefined>): DoctorParse {
  const flags: DoctorFlags = { url: null, timeoutS: 15, token: env.MDM_TOKEN ?? null, rest: [] }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--help' || arg === '-h') return { kind: 'help' }
    const m = /^(--url|--timeout|--token)(?:=(.*))?$/.exec(arg)
    if (!m) {
      flags.rest.push(arg)
      continue
    }
    const value = m[2] ?? argv[++i]
    if (value === undefined || value === '' || (m[2] === undefined && value.startsWith('--')))
      return { kind: 'error', message: `${m[1]} needs a value` }
    if (m[1] === '--url') {
      let u: URL
      try {
        u = new URL(value)
      } catch {
        return { kind: 'error', message: `--url: not a URL: ${JSON.stringify(value)}` }
      }
      if (u.protocol !== 'http:') return { kind: 'error', message: '--url: the mirror speaks http:// on loopback' }
      flags.url = value.replace(/\/+$/, '')
    } else if (m[1] === '--timeout') {
      const s = Number(value)
      if (!Number.isFinite(s) || s <= 0 || s > 600)
        return { kind: 'error', message: '--timeout: seconds between 0 and 600' }
      flags.timeoutS = s
    } else flags.token = value
  }
  return { kind: 'ok', flags }
}

const settled = (r: ChecklistReport): boolean => r.all_passed || (r.counts.pending === 0 && r.first_failure !== null)

async function waitForChecklist(evaluate: () => Promise<ChecklistReport>, timeoutMs: number): Promise<ChecklistReport> {
  const deadline = Date.now() + timeoutMs
  let failingSince: { id: string; at: number } | null = null
  for (;;) {
    const r = await evaluate()
    if (r.all_passed || Date.now() >= deadline) return r
    if (settled(r) && r.first_failure !== null) {
      // A failure must hold for a moment: the first connect attempt can fail and the next succeed.
      const seen = failingSince as { id: string; at: number } | null
      if (seen === null || seen.id !== r.first_failure) failingSince = { id: r.first_failure, at: Date.now() }
      else if (Date.now() - seen.at >= 1000) return r
    } else failingSince = null
    await new Promise((res) => setTimeout(res, 200))
  }
}

interface Outcome {
  checklist: ChecklistReport
  diagnostics: DiagnosticsReport | null
  note: string | null
  target: string
}

async function runLocal(
  argv: string[],
  env: Record<string, string | undefined>,
  timeoutMs: number
): Promise<Outcome | string> {
  const parsed = parseFlags(argv, env)
  if (parsed.kind === 'error') return parsed.message
  if (parsed.kind === 'help') return 'unexpected --help'
  const { settings, mirror: mirrorOn } = parsed.options
  const explicitPort = argv.some((a) => a === '--port' || a.startsWith('--port=')) || Boolean(env.MDM_PORT)
  const engine = createEngine(settings, { mode: 'headless', stdoutLog: false })
  await engine.start()
  // An ephemeral port unless one was asked for: a running `serve` on 8000 must not make the read-back fail.
  const mirror = mirrorOn
    ? await startMirror(engine, {
        host: '127.0.0.1',
        port: explicitPort ? settings.mirror.port : 0,
        token: createMirrorToken(),
        staticDir: null
      })
    : null
  try {
    const checklist = await waitForChecklist(() => engine.handlers.getChecklist(), timeoutMs)
    const diagnostics = await engine.handlers.runDiagnostics()
    const target = engine.manager.all()[0]?.url ?? ''
    return {
      checklist,
      diagnostics,
      note: mirrorOn ? null : 'Mirror off (--no-mirror): the API read-back is skipped.',
      target
    }
  } finally {
    await mirror?.close()
    await engine.stop()
  }
}

async function fetchJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(20_000) })
  const text = await res.text()
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url} → HTTP ${res.status}: ${text.slice(0, 200)}`)
  return JSON.parse(text) as T
}

async function runRemote(flags: DoctorFlags, timeoutMs: number): Promise<Outcome> {
  const base = flags.url as string
  const checklist = await waitForChecklist(() => fetchJson<ChecklistReport>(`${base}/debug/checklist`), timeoutMs)
  let diagnostics: DiagnosticsReport | null = null
  let note: string | null = null
  if (flags.token) {
    diagnostics = await fetchJson<DiagnosticsReport>(`${base}/debug/diagnostics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-mdm-token': flags.token },
      body: '{}'
    })
  } else note = 'Network diagnostics need the mirror token: pass --token or export MDM_TOKEN (serve prints it).'
  return { checklist, diagnostics, note, target: base }
}

export async function doctor(
  argv: string[],
  env: Record<string, string | undefined>,
  out: (s: string) => void,
  paint: Paint
): Promise<number> {
  const p = parseDoctorFlags(argv, env)
  if (p.kind === 'help') {
    out(DOCTOR_USAGE + '\n')
    return 0
  }
  if (p.kind === 'error') {
    out(`doctor: ${p.message} (see --help)\n`)
    return 2
  }
  const timeoutMs = p.flags.timeoutS * 1000
  let outcome: Outcome | string
  try {
    outcome = p.flags.url ? await runRemote(p.flags, timeoutMs) : await runLocal(p.flags.rest, env, timeoutMs)
  } catch (e) {
    const why =
      e instanceof Error ? (e.cause instanceof Error ? `${e.message}: ${e.cause.message}` : e.message) : String(e)
    out(`doctor: ${p.flags.url ? `could not ask the mirror at ${p.flags.url}` : 'the engine failed'}: ${why}\n`)
    return 1
  }
  if (typeof outcome === 'string') {
    out(`doctor: ${outcome}\n`)
    return 2
  }
  const ok =
    outcome.checklist.counts.fail === 0 && outcome.checklist.counts.pending === 0 && (outcome.diagnostics?.ok ?? true)
  out(renderDoctor({ ...outcome, mode: p.flags.url ? 'remote' : 'local', ok }, paint))
  return ok ? 0 : 1
}

if (require.main === module) {
  const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR
  doctor(process.argv.slice(2), process.env, (s) => void process.stdout.write(s), color ? 'color' : 'plain').then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(`doctor: ${e instanceof Error ? e.message : String(e)}\n`)
      process.exitCode = 1
    }
  )
}
