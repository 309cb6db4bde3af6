// A settings file that cannot be read is moved aside, never silently dropped: the user keeps it
// (renamed with the time it was found) and the app starts from the defaults, written back so the
// next launch is quiet. Runs before the store opens the file.

import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import { DEFAULT_SETTINGS } from '../../shared/settings'
import { errorMessage } from '../../shared/guards'

export interface SetAside {
  /** Where the unreadable file now is. */
  keptAs: string
  /** Why it could not be used. */
  problem: string
}

function problemWith(text: string): string | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (err) {
    return errorMessage(err)
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? null : 'it is not a JSON object'
}

/** `settings.json` → `settings.corrupt-2026-12-02T10-33-41.123Z.json` (no colons: Windows forbids them). */
export function keptName(file: string, now: Date): string {
  const ext = extname(file)
  const stamp = now.toISOString().replace(/:/g, '-')
  return join(dirname(file), `${basename(file, ext)}.corrupt-${stamp}${ext}`)
}

/** Null when the file is absent or readable; else moves it aside and writes the defaults in its place. */
export function setAsideUnreadable(file: string, now: Date = new Date()): SetAside | null {
  if (!existsSync(file)) return null
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return null // a permission problem is not corruption: the store reports it
  }
  const problem = problemWith(text)
  if (problem === null) return null
  const keptAs = keptName(file, now)
  renameSync(file, keptAs)
  writeFileSync(file, `${JSON.stringify({ settings: DEFAULT_SETTINGS }, null, '\t')}\n`)
  return { keptAs, problem }
}

export function describeSetAside(s: SetAside): string {
  return `The settings file was unreadable (${s.problem}); kept it as ${basename(s.keptAs)} and started from the defaults`
}
