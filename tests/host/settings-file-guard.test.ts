// A corrupt settings file in a real temp folder: moved aside with a timestamp, the defaults written in
// its place, and the store (conf, what electron-store writes through) then opens it without a warning,
// so the next launch is quiet.

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { describeSetAside, setAsideUnreadable } from '../../src/main/host/settings-file-guard'
import { loadSettings } from '../../src/main/host/settings-persistence'
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
    const moved = setAsideUnreadable(file(), AT)
    expect(moved?.keptAs).toBe(join(dir, 'settings.corrupt-2026-12-02T10-33-41.123Z.json'))
    expect(readFileSync(moved?.keptAs ?? '', 'utf8')).toBe('{"settings": {"symbols": ["ETHUSDT"]')
    expect(describeSetAside(moved!)).toMatch(
      /^The settings file was unreadable \(.+\); kept it as settings\.corrupt-2026-12-02T10-33-41\.123Z\.json and started from the defaults$/
    )
    const warnings: string[] = []
    expect(loadSettings(open(), (m) => warnings.push(m))).toEqual(DEFAULT_SETTINGS)
    expect(warnings).toEqual([])
    // The next launch finds a good file: nothing moves again.
    expect(setAsideUnreadable(file(), new Date())).toBeNull()
    expect(readdirSync(dir).sort()).toEqual(['settings.corrupt-2026-12-02T10-33-41.123Z.json', 'settings.json'])
  })

  test('JSON that is not an object is set aside too', () => {
    writeFileSync(file(), '[1, 2]')
    expect(setAsideUnreadable(file(), AT)?.problem).toBe('it is not a JSON object')
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toEqual({ settings: DEFAULT_SETTINGS })
  })

  test('a good file and a missing file are left alone', () => {
    expect(setAsideUnreadable(file(), AT)).toBeNull()
    expect(existsSync(file())).toBe(false)
    writeFileSync(file(), '{"settings": {"symbols": ["ETHUSDT"]}}')
    expect(setAsideUnreadable(file(), AT)).toBeNull()
    expect(readdirSync(dir)).toEqual(['settings.json'])
  })
})
