// `npm start`: runs the desktop app (electron-vite preview) with its output passed through as it
// comes, and when it dies because of the Linux sandbox, says why and what to do.

import { spawn } from 'node:child_process'
import type { Writable } from 'node:stream'
import { sandboxHelp, SandboxWatch } from './sandbox-hint'

export interface WatchedLaunch {
  command: string
  args: readonly string[]
  stdout: Writable
  stderr: Writable
  env?: NodeJS.ProcessEnv
}

/** Resolves the child's exit code (1 when it died of a signal or could not start). */
export function launchWatched(opts: WatchedLaunch): Promise<number> {
  return new Promise((resolve) => {
    const watch = new SandboxWatch()
    const child = spawn(opts.command, [...opts.args], {
      stdio: ['inherit', 'pipe', 'pipe'],
      env: opts.env ?? process.env
    })
    child.stdout.on('data', (chunk: Buffer) => opts.stdout.write(chunk))
    child.stderr.on('data', (chunk: Buffer) => {
      opts.stderr.write(chunk)
      watch.feed(chunk.toString('utf8'))
    })
    child.on('error', (err) => {
      opts.stderr.write(`Could not run ${opts.command}: ${err.message}\n`)
      resolve(1)
    })
    child.on('close', (code) => {
      const failure = watch.failure
      if (failure) opts.stderr.write(sandboxHelp(failure))
      resolve(code ?? 1)
    })
  })
}
