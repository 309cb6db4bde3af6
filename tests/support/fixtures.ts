import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root (tests/support → ../..). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** Real Bybit captures live beside the clone, never inside it (DESIGN.md). */
export const REAL_FIXTURES_DIR = path.resolve(REPO_ROOT, '../shared/fixtures/bybit-real')

export const REAL_FIXTURES_ABSENT_REASON = `real Bybit captures not found at ${REAL_FIXTURES_DIR} (they live beside the clone in ../shared)`

export function hasRealFixtures(): boolean {
  return existsSync(REAL_FIXTURES_DIR)
}

/** The non-empty lines of one capture, verbatim. */
export function realCaptureLines(file: string): string[] {
  return readFileSync(path.join(REAL_FIXTURES_DIR, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
}

/** Every `.jsonl` capture: file name and its non-empty lines. */
export function realCaptures(): { file: string; lines: string[] }[] {
  return readdirSync(REAL_FIXTURES_DIR)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((file) => ({ file, lines: realCaptureLines(file) }))
}
