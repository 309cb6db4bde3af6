// Navigation away from the app, blocked once with one message, against an emitter that fires the
// events in Electron's order: will-frame-navigate for every frame first, then will-navigate for the
// main frame only if the first was not cancelled.

import { EventEmitter } from 'node:events'
import { describe, expect, test } from 'vitest'
import { guardNavigation } from '../../src/main/ipc/navigation-guard'

class FakeContents extends EventEmitter {
  /** Runs a navigation as Electron does; true when it went ahead. */
  navigate(url: string, isMainFrame: boolean): boolean {
    let cancelled = false
    const event = (extra: object) => ({ url, preventDefault: () => (cancelled = true), ...extra })
    this.emit('will-frame-navigate', event({ isMainFrame }))
    if (isMainFrame && !cancelled) this.emit('will-navigate', event({}))
    return !cancelled
  }
}

function guarded(): { contents: FakeContents; warnings: string[] } {
  const contents = new FakeContents()
  const warnings: string[] = []
  guardNavigation(contents, 'app://bundle', (m) => warnings.push(m))
  return { contents, warnings }
}

describe('navigation guard', () => {
  test('the main frame leaving the app is blocked once, as a navigation', () => {
    const { contents, warnings } = guarded()
    expect(contents.navigate('https://example.com/path?token=1', true)).toBe(false)
    expect(warnings).toEqual(['Blocked navigation to https://example.com'])
  })

  test('a sub-frame leaving the app is blocked as a frame navigation', () => {
    const { contents, warnings } = guarded()
    expect(contents.navigate('https://evil.example/', false)).toBe(false)
    expect(warnings).toEqual(['Blocked frame navigation to https://evil.example'])
  })

  test('the app’s own pages navigate freely, silently', () => {
    const { contents, warnings } = guarded()
    expect(contents.navigate('app://bundle/index.html#/settings', true)).toBe(true)
    expect(contents.navigate('app://bundle/other.html', false)).toBe(true)
    expect(warnings).toEqual([])
  })

  test('a redirect away is blocked', () => {
    const { contents, warnings } = guarded()
    let cancelled = false
    contents.emit('will-redirect', { url: 'http://127.0.0.1:9/', preventDefault: () => (cancelled = true) })
    expect(cancelled).toBe(true)
    expect(warnings).toEqual(['Blocked redirect to http://127.0.0.1:9'])
  })
})
