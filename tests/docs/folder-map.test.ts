// The README's folder map names every folder of src/, and only folders that exist.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../support/fixtures'

function folders(dir: string): string[] {
  const out: string[] = []
  for (const e of readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true })) {
    if (!e.isDirectory()) continue
    const sub = `${dir}/${e.name}`
    out.push(`${sub}/`, ...folders(sub))
  }
  return out
}

describe('README folder map', () => {
  it('has one row per folder of src/', () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8')
    const map = readme.slice(readme.indexOf('### Folder map'))
    const rows = [...map.matchAll(/^\| `(src\/[^`]*)`/gm)].map((m) => m[1])
    expect(rows.sort()).toEqual(folders('src').sort())
  })
})
