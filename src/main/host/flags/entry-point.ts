// What every entry point does with its command line first: print --help (exit 0) or the one-line
// coded error (exit 2), or go on with the parsed values.

import type { CommandFlag, CommandName } from './commands'
import {
  describeFlagError,
  FLAG_EXIT_CODE,
  parseCommandLine,
  type Environment,
  type ParsedCommandLine
} from './parse-command-line'
import { usage } from './usage'

export interface EntryIo {
  out: (text: string) => void
  err: (text: string) => void
}

export type EntryCommandLine<C extends CommandName> =
  ({ kind: 'run' } & ParsedCommandLine<CommandFlag<C>>) | { kind: 'exit'; code: number }

export function readCommandLine<C extends CommandName>(
  command: C,
  argv: readonly string[],
  env: Environment,
  io: EntryIo
): EntryCommandLine<C> {
  const line = parseCommandLine(command, argv, env)
  if (line.kind === 'help') {
    io.out(usage(command) + '\n')
    return { kind: 'exit', code: 0 }
  }
  if (line.kind === 'error') {
    io.err(describeFlagError(command, line.error) + '\n')
    return { kind: 'exit', code: FLAG_EXIT_CODE }
  }
  return line
}

/** The process's own argv, environment and standard streams. */
export function processCommandLine<C extends CommandName>(command: C): EntryCommandLine<C> {
  return readCommandLine(command, process.argv.slice(2), process.env, {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text)
  })
}
