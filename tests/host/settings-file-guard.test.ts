// A corrupt settings file in a real temp folder: moved aside with a timestamp, the defaults written in
// its place, and the store (conf, what electron-store writes through) then opens it without a warning,
// so the next launch is quiet.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { describeSetAside, setAsideUnreadable } from '../../src/main/host/settings-file-guard'
import { loadSettings, memoryStore, saveSettings } from '../../src/main/host/settings-persistence'
import { DEFAULT_SETTINGS } from '../../src/shared/settings'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mdm-settings-file-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const AT = new Date('2026-12-02T10:33:41.123Z')
const file = (): string => join(dir, 'settings.json')
const open = (): Conf => new Conf({ cwd: dir, configName: 'settings', projectName: 'market-data-monitor' })

describe('an unreadable settings file', () => {
  test('is kept under a timestamped name, the defaults take its place, and the store opens quietly', () => {
    writeFileSync(file(), '{"settings": {"symbols": ["ETHUSDT"]') // cut off mid-write
    expect(() => open()).toThrow() // what electron-store would meet on every launch
    const moved = setAsideUnreadable(file(), { now: AT })
    expect(moved?.keptAs).toBe(join(dir, 'settings.corrupt-2026-12-02T10-33-41.123Z.json'))
    expect(readFileSync(moved?.keptAs ?? '', 'utf8')).toBe('{"settings": {"symbols": ["ETHUSDT"]')
    expect(describeSetAside(moved!)).toMatch(
      /^The settings file was unreadable \(.+\); kept it as settings\.corrupt-2026-12-02T10-33-41\.123Z\.json and started from the defaults$/
    )
    const warnings: string[] = []
    expect(loadSettings(open(), (m) => warnings.push(m))).toEqual(DEFAULT_SETTINGS)
    expect(warnings).toEqual([])
    // The next launch finds a good file: nothing moves again.
    expect(setAsideUnreadable(file())).toBeNull()
    expect(readdirSync(dir).sort()).toEqual(['settings.corrupt-2026-12-02T10-33-41.123Z.json', 'settings.json'])
  })

  test('JSON that is not an object is set aside too', () => {
    writeFileSync(file(), '[1, 2]')
    expect(setAsideUnreadable(file(), { now: AT })?.problem).toBe('it is not a JSON object')
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toEqual({ settings: DEFAULT_SETTINGS })
  })

  test('a good file and a missing file are left alone', () => {
    expect(setAsideUnreadable(file(), { now: AT })).toBeNull()
    expect(existsSync(file())).toBe(false)
    writeFileSync(file(), '{"settings": {"symbols": ["ETHUSDT"]}}')
    expect(setAsideUnreadable(file(), { now: AT })).toBeNull()
    expect(readdirSync(dir)).toEqual(['settings.json'])
  })

  test('when the defaults cannot be written after the move, the warning still names the kept file', () => {
    writeFileSync(file(), '{"settings":')
    const moved = setAsideUnreadable(file(), {
      now: AT,
      write: () => {
        throw new Error('ENOSPC: no space left on device')
      }
    })
    expect(readFileSync(join(dir, 'settings.corrupt-2026-12-02T10-33-41.123Z.json'), 'utf8')).toBe('{"settings":')
    expect(describeSetAside(moved!)).toMatch(
      /^The settings file was unreadable \(.+\); kept it as settings\.corrupt-2026-12-02T10-33-41\.123Z\.json and started from the defaults \(writing them failed: ENOSPC: no space left on device\)$/
    )
  })

  test('when it cannot be moved aside it is left untouched, and the run keeps its settings in memory', () => {
    writeFileSync(file(), '{"settings":')
    // A folder already at the kept name: the rename fails (as root too, unlike a read-only folder).
    mkdirSync(join(dir, 'settings.corrupt-2026-12-02T10-33-41.123Z.json', 'occupied'), { recursive: true })
    const left = setAsideUnreadable(file(), { now: AT })
    expect(left?.keptAs).toBeNull()
    expect(readFileSync(file(), 'utf8')).toBe('{"settings":')
    expect(describeSetAside(left!)).toMatch(
      /^The settings file was unreadable \(.+\) and could not be moved aside \(E\w+: .+\): left it as it is at .+settings\.json and started from the defaults in memory; settings changed in this run are not saved$/
    )
    const store = memoryStore()
    const warnings: string[] = []
    expect(loadSettings(store, (m) => warnings.push(m))).toEqual(DEFAULT_SETTINGS)
    saveSettings(store, { ...DEFAULT_SETTINGS, symbols: ['ETHUSDT'] })
    expect(loadSettings(store, (m) => warnings.push(m)).symbols).toEqual(['ETHUSDT'])
    expect(warnings).toEqual([])
    expect(readFileSync(file(), 'utf8')).toBe('{"settings":')
  })
})
