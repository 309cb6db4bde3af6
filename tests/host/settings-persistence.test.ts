// Settings persistence over the real on-disk store (conf, what electron-store writes through).

import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEFAULT_SETTINGS } from '../../src/shared/settings'
import { loadSettings, saveSettings } from '../../src/main/host/settings-persistence'

describe('settings persistence', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mdm-settings-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })
  const open = (name: string): Conf => new Conf({ cwd: dir, configName: name, projectName: 'market-data-monitor' })

  test('nothing saved: the defaults (spot BTCUSDT on mainnet, mirror on at 8000)', () => {
    const warnings: string[] = []
    const settings = loadSettings(open('empty'), (m) => warnings.push(m))
    expect(settings).toEqual(DEFAULT_SETTINGS)
    expect(settings).toMatchObject({
      category: 'spot',
      symbols: ['BTCUSDT'],
      testnet: false,
      mirror: { enabled: true, port: 8000 }
    })
    expect(warnings).toEqual([])
  })

  test('saved settings come back from the file in a new store', () => {
    const changed = {
      ...DEFAULT_SETTINGS,
      symbols: ['ETHUSDT', 'SOLUSDT'],
      testnet: true,
      mirror: { ...DEFAULT_SETTINGS.mirror, port: 8123 }
    }
    saveSettings(open('roundtrip'), changed)
    expect(loadSettings(open('roundtrip'), () => {})).toEqual(changed)
  })

  test('an invalid saved file falls back to the defaults, with a warning', async () => {
    await writeFile(
      join(dir, 'bad.json'),
      JSON.stringify({ settings: { symbols: ['no/pe'], mirror: { host: '0.0.0.0' } } })
    )
    const warnings: string[] = []
    expect(loadSettings(open('bad'), (m) => warnings.push(m))).toEqual(DEFAULT_SETTINGS)
    expect(warnings).toEqual([expect.stringMatching(/^Saved settings are invalid \(invalid symbol/)])
  })
})
