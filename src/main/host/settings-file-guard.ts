// A settings file that cannot be read is moved aside, never silently dropped: the user keeps it
// (renamed with the time it was found) and the app starts from the defaults, written back so the
// next launch is quiet. Runs before the store opens the file. When it cannot be moved, it is left
// as it is and the app runs on the defaults in memory (the store would otherwise wipe it).

import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import { DEFAULT_SETTINGS } from '../../shared/settings'
import { errorMessage } from '../../shared/guards'

export interface SetAside {
  file: string
  /** Where the unreadable file now is; null when it could not be moved and is still at `file`. */
  keptAs: string | null
  /** Why it could not be used. */
  problem: string
  /** Why it could not be moved aside, or the defaults not written in its place; null when all went well. */
  failure: string | null
}

export interface SetAsideOptions {
  now?: Date
  /** How the defaults are written (a test makes it fail). */
  write?: (file: string, text: string) => void
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
export function setAsideUnreadable(file: string, opts: SetAsideOptions = {}): SetAside | null {
  if (!existsSync(file)) return null
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return null // a permission problem is not corruption: the store reports it
  }
  const problem = problemWith(text)
  if (problem === null) return null
  const keptAs = keptName(file, opts.now ?? new Date())
  try {
    renameSync(file, keptAs)
  } catch (err) {
    return { file, keptAs: null, problem, failure: errorMessage(err) }
  }
  const write = opts.write ?? writeFileSync
  try {
    write(file, `${JSON.stringify({ settings: DEFAULT_SETTINGS }, null, '\t')}\n`)
  } catch (err) {
    return { file, keptAs, problem, failure: errorMessage(err) }
  }
  return { file, keptAs, problem, failure: null }
}

export function describeSetAside(s: SetAside): string {
  const unreadable = `The settings file was unreadable (${s.problem})`
  if (s.keptAs === null) {
    return (
      `${unreadable} and could not be moved aside (${s.failure ?? 'unknown'}): left it as it is at ${s.file} ` +
      'and started from the defaults in memory; settings changed in this run are not saved'
    )
  }
  const kept = `${unreadable}; kept it as ${basename(s.keptAs)} and started from the defaults`
  return s.failure === null ? kept : `${kept} (writing them failed: ${s.failure})`
}
