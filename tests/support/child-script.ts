// The repository's scripts run as a user runs them: a fresh Node process with tsx as the loader (no
// wrapper process between a signal and the script), its output collected as it comes. A probe is a
// script that reports one JSON line and must exit on its own: whatever it leaves open (a timer, a
// socket) shows as a process that does not exit.
import { spawn, type ChildProcessByStdio } from 'node:child_process'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { REPO_ROOT } from './fixtures'

/**
 * Under every spawned script's environment: serve and demo keep trades in memory only and write no
 * data dir (never the user's real one, and no two tests on one file). A persistence test sets
 * `MDM_NO_PERSIST: '0'` and its own temporary `MDM_DATA_DIR` (or the flags).
 */
export const CHILD_DEFAULT_ENV: Readonly<Record<string, string>> = { MDM_NO_PERSIST: '1' }

export interface ScriptOptions {
  /** Over this process's environment and `CHILD_DEFAULT_ENV`. */
  env?: Record<string, string>
  /** Before the loader, e.g. `--expose-gc`. */
  nodeFlags?: string[]
}

export interface RunningScript {
  readonly child: ChildProcessByStdio<null, Readable, Readable>
  /** The exit code once the process has exited and its output ended (null when killed by a signal). */
  readonly exited: Promise<number | null>
  out(): string
  err(): string
  /** stdout and stderr interleaved as they arrived. */
  all(): string
  /** SIGTERM unless already exited; resolves once it has. */
  stop(): Promise<void>
}

/** Starts `script` (relative to the repository root) with `args`. */
export function startScript(script: string, args: string[] = [], opts: ScriptOptions = {}): RunningScript {
  const argv = [...(opts.nodeFlags ?? []), '--import', 'tsx', path.join(REPO_ROOT, script), ...args]
  const child = spawn(process.execPath, argv, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...CHILD_DEFAULT_ENV, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  let all = ''
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString()
    all += d.toString()
  })
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString()
    all += d.toString()
  })
  // 'close': the exit and every byte of its output.
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  return {
    child,
    exited,
    out: () => stdout,
    err: () => stderr,
    all: () => all,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    }
  }
}

export interface FinishedScript {
  /** The exit code, or 'still running' when the deadline passed (the process is then killed). */
  code: number | null | 'still running'
  stdout: string
  stderr: string
  /** stdout and stderr interleaved as they arrived. */
  all: string
  /** The last stdout line, parsed as JSON: a probe's report. */
  report<T>(): T
}

/** Runs `script` to its end, or kills it at `timeoutMs`. */
export async function runScript(
  script: string,
  opts: ScriptOptions & { args?: string[]; timeoutMs: number }
): Promise<FinishedScript> {
  const run = startScript(script, opts.args, opts)
  let timer: NodeJS.Timeout | undefined
  const code = await Promise.race([
    run.exited,
    new Promise<'still running'>((resolve) => (timer = setTimeout(() => resolve('still running'), opts.timeoutMs)))
  ])
  clearTimeout(timer)
  if (code === 'still running') run.child.kill('SIGKILL')
  const stdout = run.out()
  return {
    code,
    stdout,
    stderr: run.err(),
    all: run.all(),
    report: <T>() => JSON.parse(stdout.trim().split('\n').pop() ?? 'null') as T
  }
}
