// The tray icons: real PNG files (signature, CRC-checked chunks, zlib data) decoded here back to
// pixels, each size a dot of its colour on a transparent square.

import { crc32, inflateSync } from 'node:zlib'
import { describe, expect, test } from 'vitest'
import { encodePng, TRAY_RGB, trayDotPng } from '../../src/main/host/png-icon'
import { TRAY_COLOURS } from '../../src/main/host/tray-state'

interface Decoded {
  width: number
  height: number
  /** [r, g, b, a] of a pixel. */
  at(x: number, y: number): number[]
}

/** A strict reader of what encodePng writes: 8-bit RGBA, filter 0 rows; throws on a bad CRC. */
function decodePng(png: Buffer): Decoded {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  const chunks: { type: string; data: Buffer }[] = []
  for (let off = 8; off < png.length;) {
    const length = png.readUInt32BE(off)
    const type = png.toString('ascii', off + 4, off + 8)
    const data = png.subarray(off + 8, off + 8 + length)
    const crc = png.readUInt32BE(off + 8 + length)
    if (crc !== crc32(png.subarray(off + 4, off + 8 + length)) >>> 0) throw new Error(`bad CRC in ${type}`)
    chunks.push({ type, data })
    off += 12 + length
  }
  expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND'])
  const ihdr = chunks[0].data
  const width = ihdr.readUInt32BE(0)
  const height = ihdr.readUInt32BE(4)
  expect([...ihdr.subarray(8)]).toEqual([8, 6, 0, 0, 0])
  const raw = inflateSync(chunks[1].data)
  expect(raw.length).toBe(height * (width * 4 + 1))
  const stride = width * 4 + 1
  for (let y = 0; y < height; y++) expect(raw[y * stride]).toBe(0)
  return {
    width,
    height,
    at: (x, y) => [...raw.subarray(y * stride + 1 + x * 4, y * stride + 1 + x * 4 + 4)]
  }
}

describe('tray icons', () => {
  test.each(TRAY_COLOURS.flatMap((colour) => [16, 32].map((size) => [colour, size] as const)))(
    '%s at %i px: a dot of its colour on a transparent square',
    (colour, size) => {
      const png = decodePng(trayDotPng(colour, size))
      expect([png.width, png.height]).toEqual([size, size])
      const mid = size / 2
      expect(png.at(mid, mid)).toEqual([...TRAY_RGB[colour], 255])
      expect(png.at(0, 0)[3]).toBe(0)
      expect(png.at(size - 1, size - 1)[3]).toBe(0)
      // anti-aliased: some edge pixels are partly covered
      const alphas = Array.from({ length: size }, (_, x) => png.at(x, mid)[3])
      expect(alphas.some((a) => a > 0 && a < 255)).toBe(true)
    }
  )

  test('the colours differ from each other', () => {
    const centres = TRAY_COLOURS.map((c) => decodePng(trayDotPng(c, 16)).at(8, 8).join())
    expect(new Set(centres).size).toBe(4)
  })

  test('any RGBA image round-trips; a wrong buffer size is refused', () => {
    const rgba = Uint8Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 37) % 256)
    const png = decodePng(encodePng(3, 2, rgba))
    expect([png.at(0, 0), png.at(2, 1)]).toEqual([[...rgba.subarray(0, 4)], [...rgba.subarray(20, 24)]])
    expect(() => encodePng(3, 2, new Uint8Array(5))).toThrow(RangeError)
  })
})
