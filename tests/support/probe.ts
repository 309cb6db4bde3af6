// Runs a probe script in a fresh Node process (tsx as the loader): no test-runner handle is mixed
// in, and whatever the probe leaves open (a timer, a socket) shows as a process that does not exit.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { REPO_ROOT } from './fixtures'

export interface ProbeRun {
  /** The exit code, or 'still running' when the deadline passed (the process is then killed). */
  code: number | null | 'still running'
  stdout: string
  stderr: string
  /** The last stdout line, parsed as JSON: the probe's report. */
  report<T>(): T
}

/** `script` is relative to the repository root; `nodeFlags` go before the loader (e.g. `--expose-gc`). */
export async function runProbe(script: string, opts: { timeoutMs: number; nodeFlags?: string[] }): Promise<ProbeRun> {
  const args = [...(opts.nodeFlags ?? []), '--import', 'tsx', path.join(REPO_ROOT, script)]
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: 'pipe' })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  let timer: NodeJS.Timeout | undefined
  const code = await Promise.race([
    // 'close': the exit and every byte of its output.
    new Promise<number | null>((resolve) => child.on('close', resolve)),
    new Promise<'still running'>((resolve) => (timer = setTimeout(() => resolve('still running'), opts.timeoutMs)))
  ])
  clearTimeout(timer)
  if (code === 'still running') child.kill('SIGKILL')
  return {
    code,
    stdout,
    stderr,
    report: <T>() => JSON.parse(stdout.trim().split('\n').pop() ?? 'null') as T
  }
}
