// serve's and demo's data dir at start: checked before the engine is built (a path that cannot be
// created or written refuses the start, unless --no-persist), and after the engine started, refused
// when another engine holds it (DuckDB's lock). Each refusal is one line with a code, exit 2.

import type { PersistStats } from '../../shared/dto-durable'
import { prepareDataDir } from './data-dir'

export const START_REFUSED_EXIT_CODE = 2

export type StartRefusalCode = 'data_dir_unusable' | 'data_dir_locked'

/** A start the command refuses: printed as `serve: CODE: MESSAGE`, exit 2. */
export class StartRefused extends Error {
  constructor(
    readonly code: StartRefusalCode,
    message: string
  ) {
    super(message)
  }

  line(command: string): string {
    return `${command}: ${this.code}: ${this.message}`
  }
}

/**
 * The usable data dir, or null without one. A bad path refuses the start when trades are to be
 * persisted; under --no-persist it only costs the log file (`warn` says so).
 */
export function usableDataDir(dir: string | null, persist: boolean, warn: (line: string) => void): string | null {
  if (dir === null) return null
  const check = prepareDataDir(dir)
  if (check.ok) return check.dir
  if (persist) {
    throw new StartRefused(
      'data_dir_unusable',
      `the data dir ${check.dir} ${check.reason}; give another --data-dir (MDM_DATA_DIR) or run with --no-persist`
    )
  }
  warn(`The data dir ${check.dir} ${check.reason}: no log file (--no-persist: trades stay in memory)`)
  return null
}

/** After start: another engine holding the data dir refuses this one (it wrote nothing there). */
export function refuseLockedDataDir(dir: string, persist: PersistStats | undefined): void {
  if (persist?.last_error?.code !== 'persist_locked') return
  throw new StartRefused(
    'data_dir_locked',
    `the data dir ${dir} is in use by another engine (${persist.last_error.message}); stop it, or give this ` +
      'one another --data-dir (MDM_DATA_DIR)'
  )
}
