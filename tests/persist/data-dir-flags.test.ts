// The data dir's flags and settings as a user sets them: the per-platform default, --no-persist and
// the retention values from argv and MDM_*, the settings patch validated like any other, and the
// data dir check (created when missing, written to once, refused with the reason).

import { chmodSync, existsSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { cliOptions } from '../../src/cli/flags'
import { defaultDataDir, prepareDataDir } from '../../src/main/host/data-dir'
import { parseCommandLine } from '../../src/main/host/flags/parse-command-line'
import { DEFAULT_SETTINGS } from '../../src/shared/settings'
import { applySettingsPatch, parseSettingsPatch } from '../../src/shared/validate'
import { removeTempDirs, tempDataDir } from '../durable/durable-support'

afterEach(removeTempDirs)

function options(argv: string[], env: Record<string, string> = {}, command: 'serve' | 'demo' | 'doctor' = 'serve') {
  const line = parseCommandLine(command, argv, env)
  if (line.kind !== 'run') throw new Error(JSON.stringify(line))
  return cliOptions(line)
}

describe('the data dir', () => {
  it("defaults to the platform's per-user data folder", () => {
    expect(defaultDataDir('linux', { XDG_DATA_HOME: '/x/data' }, '/home/u')).toBe('/x/data/market-data-monitor')
    expect(defaultDataDir('linux', {}, '/home/u')).toBe('/home/u/.local/share/market-data-monitor')
    // A relative XDG_DATA_HOME is invalid by the spec: ignored.
    expect(defaultDataDir('linux', { XDG_DATA_HOME: 'rel' }, '/home/u')).toBe(
      '/home/u/.local/share/market-data-monitor'
    )
    expect(defaultDataDir('darwin', {}, '/Users/u')).toBe('/Users/u/Library/Application Support/market-data-monitor')
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'C:\\Users\\u')).toMatch(
      /AppData[\\/]Roaming[\\/]market-data-monitor$/
    )
  })

  it('serve and demo persist by default into it; --no-persist and MDM_NO_PERSIST turn it off; doctor never persists', () => {
    const dflt = options([])
    expect(dflt.settings.persist).toEqual({ enabled: true, retentionDays: 30, retentionGb: 5 })
    expect(dflt.dataDir).toBe(defaultDataDir())
    const given = options(['--data-dir', '/srv/mdm', '--retention-days', '7', '--retention-gb', '0.5'])
    expect(given.dataDir).toBe('/srv/mdm')
    expect(given.settings.persist).toEqual({ enabled: true, retentionDays: 7, retentionGb: 0.5 })
    const byEnv = options([], { MDM_DATA_DIR: '/e', MDM_RETENTION_DAYS: '3', MDM_NO_PERSIST: 'yes' }, 'demo')
    expect(byEnv).toMatchObject({ dataDir: '/e', settings: { persist: { enabled: false, retentionDays: 3 } } })
    // Memory only and no folder named: no data dir at all (no log file either).
    expect(options(['--no-persist']).dataDir).toBeNull()
    const doctor = options([], {}, 'doctor')
    expect(doctor.dataDir).toBeNull()
    expect(doctor.settings.persist.enabled).toBe(false)
  })

  it('refuses bad retention values with the flag named (exit 2 at the entry point)', () => {
    expect(parseCommandLine('serve', ['--retention-days', '0'], {})).toMatchObject({
      kind: 'error',
      error: { code: 'flag_invalid', message: '--retention-days: retention days must be an integer between 1 and 3650' }
    })
    expect(parseCommandLine('serve', [], { MDM_RETENTION_GB: 'lots' })).toMatchObject({
      kind: 'error',
      error: { code: 'env_invalid' }
    })
    expect(parseCommandLine('doctor', ['--data-dir', '/x'], {})).toMatchObject({ kind: 'error' })
  })

  it('settings: persist and recordFrames are validated like every other setting', () => {
    const ok = parseSettingsPatch({ persist: { enabled: false, retentionGb: 2.5 }, recordFrames: true })
    expect(ok).toEqual({ ok: true, value: { persist: { enabled: false, retentionGb: 2.5 }, recordFrames: true } })
    if (!ok.ok) throw new Error('unreachable')
    expect(applySettingsPatch(DEFAULT_SETTINGS, ok.value).persist).toEqual({
      enabled: false,
      retentionDays: 30,
      retentionGb: 2.5
    })
    expect(parseSettingsPatch({ persist: { retentionDays: 1.5 } })).toEqual({
      ok: false,
      error: 'persist.retentionDays must be an integer between 1 and 3650'
    })
    expect(parseSettingsPatch({ persist: { keep: true } })).toEqual({
      ok: false,
      error: 'unknown setting "persist.keep"'
    })
    expect(parseSettingsPatch({ recordFrames: 'yes' })).toEqual({
      ok: false,
      error: 'recordFrames must be true or false'
    })
  })

  it('is created when missing and proved writable; a path it cannot create or write is refused with the reason', () => {
    const root = tempDataDir()
    const fresh = path.join(root, 'a', 'b')
    expect(prepareDataDir(fresh)).toEqual({ ok: true, dir: fresh })
    expect(existsSync(fresh)).toBe(true)
    expect(readdirSync(fresh)).toEqual([]) // the probe is removed again
    const file = path.join(root, 'file')
    writeFileSync(file, '')
    expect(prepareDataDir(path.join(file, 'x'))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^cannot be created \(ENOTDIR/)
    })
    const locked = path.join(root, 'read-only')
    expect(prepareDataDir(locked).ok).toBe(true)
    chmodSync(locked, 0o500)
    const asRoot = process.getuid?.() === 0
    // root writes through the mode bits; the refusal is then shown by the ENOTDIR case above.
    if (!asRoot)
      expect(prepareDataDir(locked)).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/^cannot be written \(EACCES/)
      })
    chmodSync(locked, 0o700)
  })
})
