// The data dir: where the durable tier's database, the log file (`logs/`) and recordings
// (`recordings/`) live. Headless, `--data-dir` or the platform's per-user data folder; the desktop
// app, its user-data folder. Checked once at start: created when missing and written to, so a bad
// path is one line naming it and the reason, not a failure later.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { errorMessage } from '../../shared/guards'

export const APP_DIR_NAME = 'market-data-monitor'

/**
 * The platform's per-user data folder for the app: `$XDG_DATA_HOME/market-data-monitor` (else
 * `~/.local/share/…`) on Linux and other Unixes, `~/Library/Application Support/…` on macOS,
 * `%APPDATA%\market-data-monitor` on Windows.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: Readonly<Record<string, string | undefined>> = process.env,
  home: string = homedir()
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_DIR_NAME)
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME)
  const xdg = env.XDG_DATA_HOME
  // The XDG spec: a relative XDG_DATA_HOME is invalid and ignored.
  return join(xdg !== undefined && xdg.startsWith('/') ? xdg : join(home, '.local', 'share'), APP_DIR_NAME)
}

export type DataDirCheck = { ok: true; dir: string } | { ok: false; dir: string; reason: string }

/** Creates `dir` when missing and proves it writable with a probe file (removed again). */
export function prepareDataDir(dir: string): DataDirCheck {
  const abs = resolve(dir)
  try {
    mkdirSync(abs, { recursive: true })
  } catch (e) {
    return { ok: false, dir: abs, reason: `cannot be created (${errorMessage(e)})` }
  }
  const probe = join(abs, `.write-probe-${process.pid}`)
  try {
    writeFileSync(probe, 'probe\n')
  } catch (e) {
    return { ok: false, dir: abs, reason: `cannot be written (${errorMessage(e)})` }
  }
  rmSync(probe, { force: true })
  return { ok: true, dir: abs }
}

/** The log folder inside the data dir. */
export function logDir(dataDir: string): string {
  return join(dataDir, 'logs')
}
