// `npm run doctor -- [serve flags] [--url URL] [--timeout S] [--token T]`: the guide's "quick
// diagnosis commands" as one. Runs the engine briefly (or asks a running mirror with --url), prints
// the checklist and the network diagnostics, and exits 0 when everything passes, 1 otherwise, 2 for
// bad flags.

import { createEngine } from '../main/core/engine'
import { createMirrorToken, startMirror } from '../main/http'
import type { ChecklistReport, DiagnosticsReport } from '../shared/dto'
import { readCommandLine } from '../main/host/flags/entry-point'
import { cliOptions, type CliOptions } from './flags'
import { renderDoctor, type Paint } from './doctor-output'
import { errorMessage } from '../shared/guards'

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

async function runLocal(options: CliOptions, explicitPort: boolean, timeoutMs: number): Promise<Outcome> {
  const { settings, mirror: mirrorOn } = options
  const engine = createEngine(settings, { mode: 'headless', stdoutLog: false, logLevel: options.logLevel })
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

async function runRemote(base: string, token: string | undefined, timeoutMs: number): Promise<Outcome> {
  const checklist = await waitForChecklist(() => fetchJson<ChecklistReport>(`${base}/debug/checklist`), timeoutMs)
  let diagnostics: DiagnosticsReport | null = null
  let note: string | null = null
  if (token) {
    diagnostics = await fetchJson<DiagnosticsReport>(`${base}/debug/diagnostics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-mdm-token': token },
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
  const line = readCommandLine('doctor', argv, env, { out, err: out })
  if (line.kind === 'exit') return line.code
  const { url, timeout, token } = line.values
  const timeoutMs = timeout * 1000
  let outcome: Outcome
  try {
    outcome = url
      ? await runRemote(url, token, timeoutMs)
      : await runLocal(cliOptions(line), line.given.has('port'), timeoutMs)
  } catch (e) {
    const why =
      e instanceof Error ? (e.cause instanceof Error ? `${e.message}: ${e.cause.message}` : e.message) : String(e)
    out(`doctor: ${url ? `could not ask the mirror at ${url}` : 'the engine failed'}: ${why}\n`)
    return 1
  }
  const ok =
    outcome.checklist.counts.fail === 0 && outcome.checklist.counts.pending === 0 && (outcome.diagnostics?.ok ?? true)
  out(renderDoctor({ ...outcome, mode: url ? 'remote' : 'local', ok }, paint))
  return ok ? 0 : 1
}

if (require.main === module) {
  const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR
  doctor(process.argv.slice(2), process.env, (s) => void process.stdout.write(s), color ? 'color' : 'plain').then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(`doctor: ${errorMessage(e)}\n`)
      process.exitCode = 1
    }
  )
}
