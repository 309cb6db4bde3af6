// The layer table in eslint.config.mjs names every source folder, and the import rules generated
// from it refuse a crossing with the table's own words (and let an allowed import through).

import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../support/fixtures'

interface Layer {
  dir: string
  role: string
  imports: string[]
}

async function layers(): Promise<Layer[]> {
  const config = pathToFileURL(join(REPO_ROOT, 'eslint.config.mjs')).href
  return ((await import(config)) as { LAYERS: Layer[] }).LAYERS
}

function folders(dir: string): string[] {
  return readdirSync(join(REPO_ROOT, dir), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => `${dir}/${e.name}`)
}

describe('the layer table', () => {
  it('names every folder of src and of src/main, and only folders that exist', async () => {
    const dirs = (await layers()).map((l) => l.dir)
    const expected = [...folders('src'), ...folders('src/main')]
    const missing = expected.filter((d) => !dirs.includes(d))
    expect(missing, 'folders missing from LAYERS in eslint.config.mjs').toEqual([])
    for (const d of dirs) expect(existsSync(join(REPO_ROOT, d)), d).toBe(true)
  })

  it('lets a layer import only layers of the table', async () => {
    const table = await layers()
    const dirs = new Set(table.map((l) => l.dir))
    for (const l of table) for (const i of l.imports) expect(dirs.has(i), `${l.dir} imports ${i}`).toBe(true)
  })
})

describe('the generated import rules', () => {
  const eslint = new ESLint({ cwd: REPO_ROOT })
  const lint = async (file: string, code: string): Promise<string[]> => {
    const [result] = await eslint.lintText(code, { filePath: join(REPO_ROOT, file) })
    return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
  }

  it.each([
    [
      'src/main/core/probe.ts',
      "import { startMirror } from '../http'",
      "'../http' import is restricted from being used by a pattern. src/main/core (the engine) may import only src/shared, not src/main/http."
    ],
    [
      'src/main/http/probe.ts',
      "import { MirrorControl } from '../host/mirror-control'",
      'src/main/http (the localhost mirror) may import only src/shared, src/main/core, not src/main/host.'
    ],
    [
      'src/main/host/probe.ts',
      "import { app } from 'electron'",
      'only src/main/electron, src/main, src/preload import electron.'
    ],
    ['src/shared/probe.ts', "import { readFile } from 'node:fs'", 'it runs without Node.'],
    ['src/renderer/src/probe.ts', "import { serve } from '../../cli/serve'", 'not src/cli.']
  ])('%s: %s is refused', async (file, code, message) => {
    const messages = await lint(file, `${code}\nexport const probe = 1\n`)
    expect(messages).toHaveLength(1)
    expect(messages[0]).toContain(message)
  })

  it.each([
    ['src/main/host/probe.ts', "import type { EngineFacade } from '../core/engine-facade'"],
    ['src/main/electron/probe.ts', "import { app } from 'electron'"],
    ['src/preload/probe.ts', "import { contextBridge } from 'electron'"],
    ['src/cli/probe.ts', "import { startSimulator } from '../simulator'"]
  ])('%s: %s is allowed', async (file, code) => {
    expect(await lint(file, `${code}\nexport const probe = 1\n`)).toEqual([])
  })
})
