// Small files with one concern: no source, test or bench file is longer than 400 lines.

import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../support/fixtures'

const MAX_LINES = 400
const ROOTS = ['src', 'tests', 'e2e', 'bench']
const SOURCE = /\.(ts|tsx|css|mjs)$/

function files(dir: string): string[] {
  const out: string[] = []
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    if (e.isDirectory()) out.push(...files(p))
    else if (SOURCE.test(e.name)) out.push(p)
  }
  return out
}

describe('file size', () => {
  it(`keeps every file of ${ROOTS.join(', ')} at ${MAX_LINES} lines or fewer`, () => {
    const all = ROOTS.flatMap((r) => files(join(REPO_ROOT, r)))
    expect(all.length).toBeGreaterThan(100)
    const long = all
      .map((f) => ({ file: relative(REPO_ROOT, f), lines: readFileSync(f, 'utf8').split('\n').length - 1 }))
      .filter((f) => f.lines > MAX_LINES)
    expect(long, 'files over the limit: split them by concern').toEqual([])
  })
})
