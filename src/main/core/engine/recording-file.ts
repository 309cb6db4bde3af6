// Where raw frames are recorded: `--record FILE` (Settings' recordFile) when set, else with
// Settings → Record raw frames a new NDJSON file per run in the data dir's `recordings/` folder.

import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Settings } from '../../../shared/settings'

/** `frames-2026-12-02T12-41-29.ndjson`: sortable, and legal on every file system. */
export function recordingName(at: Date): string {
  return `frames-${at.toISOString().slice(0, 19).replace(/:/g, '-')}.ndjson`
}

const perRun = new Map<string, string>()

/**
 * The file to record into, or null. The data-dir file is named once per data dir and process, so a
 * settings change that keeps recording on keeps appending to the same file.
 */
export function recordingFile(s: Pick<Settings, 'recordFile' | 'recordFrames'>, dataDir: string | null): string | null {
  if (s.recordFile !== null) return s.recordFile
  if (!s.recordFrames || dataDir === null) return null
  let file = perRun.get(dataDir)
  if (file === undefined) {
    const dir = join(dataDir, 'recordings')
    try {
      mkdirSync(dir, { recursive: true })
    } catch {
      // The recorder's own open fails next and logs `record_failed` with the reason.
    }
    file = join(dir, recordingName(new Date()))
    perRun.set(dataDir, file)
  }
  return file
}
