// The window's size, position and maximized flag: written debounced into the real on-disk store
// (conf, what electron-store writes through), read back in a new store, fitted onto the displays
// that exist now.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { afterAll, describe, expect, test } from 'vitest'
import {
  DEFAULT_WINDOW_STATE,
  fitToDisplays,
  loadWindowState,
  WindowStateSaver,
  type Rect,
  type WindowState
} from '../../src/main/host/window-state'
import { waitFor } from '../support/wait-for'

const dir = mkdtempSync(join(tmpdir(), 'mdm-window-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const open = (name: string): Conf => new Conf({ cwd: dir, configName: name, projectName: 'market-data-monitor' })
const onDisk = (name: string): unknown => JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'))

const LAPTOP: Rect = { x: 0, y: 0, width: 1920, height: 1050 }
const RIGHT_MONITOR: Rect = { x: 1920, y: 0, width: 2560, height: 1400 }

describe('window state store', () => {
  test('drags are written once after they settle, and come back in a new store', async () => {
    const saver = new WindowStateSaver(open('drag'), 40)
    for (let x = 100; x <= 500; x += 100)
      saver.update({ bounds: { x, y: 80, width: 1300, height: 800 }, maximized: false })
    expect(() => onDisk('drag')).toThrow() // nothing written while the user is still dragging
    await waitFor(() => (onDisk('drag') as { windowState?: unknown }).windowState, { what: 'the debounced write' })
    expect(onDisk('drag')).toEqual({
      windowState: { bounds: { x: 500, y: 80, width: 1300, height: 800 }, maximized: false }
    })
    expect(loadWindowState(open('drag'), [LAPTOP])).toEqual({
      bounds: { x: 500, y: 80, width: 1300, height: 800 },
      maximized: false
    })
  })

  test('flush writes at once (the window closing), maximized included', () => {
    const saver = new WindowStateSaver(open('close'), 60_000)
    saver.update({ bounds: { x: 2000, y: 50, width: 1600, height: 1000 }, maximized: true })
    saver.flush()
    expect(loadWindowState(open('close'), [LAPTOP, RIGHT_MONITOR])).toEqual({
      bounds: { x: 2000, y: 50, width: 1600, height: 1000 },
      maximized: true
    })
  })

  test('nothing saved, or garbage: the default size centred on the primary display', () => {
    writeFileSync(join(dir, 'garbage.json'), JSON.stringify({ windowState: { bounds: { width: 'wide' } } }))
    const centred = { bounds: { x: 240, y: 75, width: 1440, height: 900 }, maximized: false }
    expect(loadWindowState(open('nothing'), [LAPTOP])).toEqual(centred)
    expect(loadWindowState(open('garbage'), [LAPTOP])).toEqual(centred)
  })
})

describe('fitting onto the displays there are now', () => {
  const onRight: WindowState = { bounds: { x: 2200, y: 100, width: 1600, height: 1000 }, maximized: false }

  test('a window on an unplugged monitor comes back centred on the primary, shrunk to fit', () => {
    expect(fitToDisplays(onRight, [{ x: 0, y: 0, width: 1366, height: 728 }])).toEqual({
      bounds: { x: 0, y: 0, width: 1366, height: 728 },
      maximized: false
    })
    expect(fitToDisplays(onRight, [LAPTOP])).toEqual({
      bounds: { x: 160, y: 25, width: 1600, height: 1000 },
      maximized: false
    })
  })

  test('a window mostly off-screen is pulled back inside the display it is on', () => {
    expect(
      fitToDisplays({ bounds: { x: 1700, y: -20, width: 1200, height: 700 }, maximized: false }, [LAPTOP])
    ).toEqual({
      bounds: { x: 720, y: 0, width: 1200, height: 700 },
      maximized: false
    })
  })

  test('a sliver left on screen is not enough: re-centred; too small is grown to the minimum', () => {
    expect(fitToDisplays({ bounds: { x: 1900, y: 10, width: 800, height: 500 }, maximized: true }, [LAPTOP])).toEqual({
      bounds: { x: 448, y: 205, width: 1024, height: 640 },
      maximized: true
    })
  })

  test('no displays reported: left as saved', () => {
    expect(fitToDisplays(DEFAULT_WINDOW_STATE, [])).toEqual(DEFAULT_WINDOW_STATE)
  })
})
