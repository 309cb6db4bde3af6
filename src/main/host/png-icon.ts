// A tiny PNG encoder (RGBA, 8 bits, no interlace) and the tray's dot icons drawn with it, so the
// icons need no image files and no build step: the Electron glue turns the bytes into a nativeImage.

import { crc32, deflateSync } from 'node:zlib'
import type { TrayColour } from './tray-state'

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0)
  return Buffer.concat([head, data, crc])
}

/** `rgba`: width × height pixels, 4 bytes each, row by row. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new RangeError(`expected ${width * height * 4} bytes of RGBA`)
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // colour type: RGBA
  // compression, filter and interlace methods: 0
  const rows = Buffer.alloc(height * (width * 4 + 1))
  for (let y = 0; y < height; y++) {
    // each row starts with its filter type, 0 (none)
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(rows, y * (width * 4 + 1) + 1)
  }
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0))
  ])
}

/** The tray colours, chosen to read on light and dark panels alike. */
export const TRAY_RGB: Record<TrayColour, readonly [number, number, number]> = {
  green: [0x2e, 0xb8, 0x5c],
  amber: [0xf0, 0xa0, 0x20],
  red: [0xe0, 0x3c, 0x3c],
  grey: [0x8a, 0x8f, 0x98]
}

/** A filled dot on a transparent square, its edge anti-aliased by pixel coverage. */
export function trayDotPng(colour: TrayColour, size: number): Buffer {
  const [r, g, b] = TRAY_RGB[colour]
  const rgba = new Uint8Array(size * size * 4)
  const centre = size / 2
  const radius = size * 0.4
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const distance = Math.hypot(x + 0.5 - centre, y + 0.5 - centre)
      const coverage = Math.min(1, Math.max(0, radius + 0.5 - distance))
      const i = (y * size + x) * 4
      rgba[i] = r
      rgba[i + 1] = g
      rgba[i + 2] = b
      rgba[i + 3] = Math.round(coverage * 255)
    }
  }
  return encodePng(size, size, rgba)
}
