// app://bundle/<path> to a file of the built renderer: traversal in every encoding is refused.

import { join, resolve } from 'node:path'
import { describe, expect, test } from 'vitest'
import { resolveBundlePath } from '../../src/main/host/bundle-path'
import { isSameOrigin } from '../../src/main/ipc/sender-check'

describe('app://bundle paths', () => {
  const root = resolve('/srv/app/out/renderer')

  test.each([
    ['app://bundle/', 'index.html'],
    ['app://bundle/index.html', 'index.html'],
    ['app://bundle/assets/index-1.js', 'assets/index-1.js'],
    ['app://bundle/assets/a%20b.css', 'assets/a b.css']
  ])('%s is served from the bundle', (url, file) => {
    expect(resolveBundlePath(root, url)).toBe(join(root, file))
  })

  test.each([
    'app://bundle/..%2f..%2fpackage.json',
    'app://bundle/assets/%2e%2e%5c..%5cmain.js',
    'app://bundle/a%00.js',
    'app://bundle/%E0%A4%A',
    'app://evil/index.html',
    'file:///srv/app/out/renderer/index.html',
    'not a url'
  ])('%s is refused', (url) => {
    expect(resolveBundlePath(root, url)).toBeNull()
  })

  test('encoded dot segments are normalized by the URL parser and stay inside the bundle', () => {
    expect(resolveBundlePath(root, 'app://bundle/%2e%2e/%2e%2e/etc/passwd')).toBe(join(root, 'etc/passwd'))
    expect(resolveBundlePath(root, 'app://bundle/assets/../../../index.html')).toBe(join(root, 'index.html'))
  })

  test('origins compare scheme and host, not string prefixes', () => {
    expect(isSameOrigin('app://bundle/index.html#x', 'app://bundle')).toBe(true)
    expect(isSameOrigin('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(true)
    expect(isSameOrigin('app://bundle.evil/index.html', 'app://bundle')).toBe(false)
    expect(isSameOrigin('http://localhost:5174/', 'http://localhost:5173')).toBe(false)
    expect(isSameOrigin('https://example.com/', 'app://bundle')).toBe(false)
    expect(isSameOrigin('javascript:alert(1)', 'app://bundle')).toBe(false)
  })
})
