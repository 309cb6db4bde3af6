// `npm start`: runs the desktop app (electron-vite preview) on the terminal as it is (stdin and stdout
// inherited), with stderr passed through as it comes and, when the app dies because of the Linux
// sandbox, followed by why and what to do. Ctrl+C reaches the app from the terminal itself, so the
// wrapper ignores SIGINT and waits; SIGTERM and SIGHUP, sent to the wrapper alone, are passed on.

import { spawn } from 'node:child_process'
import { constants } from 'node:os'
import type { Writable } from 'node:stream'
import { sandboxHelp, SandboxWatch } from './sandbox-hint'

/** Signals the wrapper passes on to the app; SIGINT is ignored (the terminal sends it to both). */
export const FORWARDED_SIGNALS = ['SIGTERM', 'SIGHUP'] as const

/** Where the wrapper's own signals arrive: `process`, or a stand-in in tests. */
export interface SignalSource {
  on(signal: NodeJS.Signals, listener: () => void): unknown
  off(signal: NodeJS.Signals, listener: () => void): unknown
}

export interface WatchedLaunch {
  command: string
  args: readonly string[]
  stderr: Writable
  env?: NodeJS.ProcessEnv
  signals?: SignalSource
}

/** The shell's convention for a process killed by a signal: 128 + its number. */
function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code
  return signal ? 128 + (constants.signals[signal] ?? 0) : 1
}

/** Resolves the child's exit code (128 + n when signal n ended it; 1 when it could not start). */
export function launchWatched(opts: WatchedLaunch): Promise<number> {
  return new Promise((resolve) => {
    const watch = new SandboxWatch()
    const child = spawn(opts.command, [...opts.args], {
      stdio: ['inherit', 'inherit', 'pipe'],
      env: opts.env ?? process.env
    })
    const ignore = (): void => {}
    const forwards = FORWARDED_SIGNALS.map((signal) => ({ signal, listener: () => void child.kill(signal) }))
    opts.signals?.on('SIGINT', ignore)
    for (const f of forwards) opts.signals?.on(f.signal, f.listener)
    const done = (code: number): void => {
      opts.signals?.off('SIGINT', ignore)
      for (const f of forwards) opts.signals?.off(f.signal, f.listener)
      resolve(code)
    }
    child.stderr.on('data', (chunk: Buffer) => {
      opts.stderr.write(chunk)
      watch.feed(chunk.toString('utf8'))
    })
    child.on('error', (err) => {
      opts.stderr.write(`Could not run ${opts.command}: ${err.message}\n`)
      done(1)
    })
    child.on('close', (code, signal) => {
      const failure = watch.failure
      if (failure) opts.stderr.write(sandboxHelp(failure))
      done(exitCodeOf(code, signal))
    })
  })
}
