// The real Bybit captures live beside the repo (../shared/fixtures/bybit-real); tests skip when absent.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

export const FIXTURES = path.resolve(__dirname, '../../../shared/fixtures/bybit-real')
export const HAVE_FIXTURES = existsSync(FIXTURES)
export const NO_FIXTURES_REASON = `real captures not found at ${FIXTURES}`

export function fixturePath(name: string): string {
  return path.join(FIXTURES, name)
}

/** The non-empty lines of a capture, verbatim. */
export function fixtureLines(name: string): string[] {
  return readFileSync(fixturePath(name), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
}

/** The first publicTrade frame of a capture whose topic matches. */
export function firstTradeFrame(name: string, topic: string): Record<string, unknown> {
  const frame = fixtureLines(name)
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .find((f) => f.topic === topic)
  if (!frame) throw new Error(`${name} has no ${topic} frame`)
  return frame
}
