// What went wrong with the database file, as one of the durable tier's codes: DuckDB reports disk
// and lock failures as "IO Error: …" text with the system's words inside, so the words are matched
// here, once, and the message keeps DuckDB's own text for the person reading it.

import type { ErrorInfo } from '../../../shared/dto'
import type { PersistErrorCode } from '../../../shared/error-codes'

/** A durable-tier failure with its code; `message` is what the user reads. */
export class PersistError extends Error {
  constructor(
    readonly code: PersistErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'PersistError'
  }

  info(at = Date.now()): ErrorInfo {
    return { code: this.code, message: this.message, at }
  }
}

const RULES: readonly [RegExp, PersistErrorCode][] = [
  [/ENOSPC|No space left on device|disk is full/i, 'persist_disk_full'],
  [/EROFS|EACCES|EPERM|Read-only file system|Permission denied|read-only mode/i, 'persist_read_only'],
  [/Could not set lock|Conflicting lock/i, 'persist_locked'],
  [/not a valid DuckDB database|Corrupt|checksum|malformed|invalid block|Serialization Error/i, 'persist_corrupt']
]

function text(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as NodeJS.ErrnoException).code
    return code && !e.message.includes(code) ? `${code}: ${e.message}` : e.message
  }
  return String(e)
}

/** The pid DuckDB names as the lock holder ("… (PID 1234) …"), if it does. */
export function lockHolderPid(message: string): number | null {
  const m = /\(PID (\d+)\)/.exec(message)
  return m ? Number(m[1]) : null
}

/** Classifies any thrown value; `file` is named in messages that lack it. */
export function persistError(e: unknown, fallback: PersistErrorCode = 'persist_write_failed'): PersistError {
  if (e instanceof PersistError) return e
  const words = text(e)
  const rule = RULES.find(([re]) => re.test(words))
  const code = rule ? rule[1] : fallback
  if (code === 'persist_locked') {
    const pid = lockHolderPid(words)
    const who = pid === null ? 'another engine' : `another engine (pid ${pid})`
    return new PersistError(code, `the data dir is in use by ${who}: ${words}`)
  }
  return new PersistError(code, words)
}
