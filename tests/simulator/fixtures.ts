// The real Bybit captures live beside the repo (../shared/fixtures/bybit-real); tests skip when absent.
import path from 'node:path'
import { hasRealFixtures, REAL_FIXTURES_ABSENT_REASON, REAL_FIXTURES_DIR, realCaptureLines } from '../support/fixtures'

export const HAVE_FIXTURES = hasRealFixtures()
export const NO_FIXTURES_REASON = REAL_FIXTURES_ABSENT_REASON

export function fixturePath(name: string): string {
  return path.join(REAL_FIXTURES_DIR, name)
}

/** The non-empty lines of a capture, verbatim. */
export const fixtureLines = realCaptureLines

/** The first publicTrade frame of a capture whose topic matches. */
export function firstTradeFrame(name: string, topic: string): Record<string, unknown> {
  const frame = fixtureLines(name)
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .find((f) => f.topic === topic)
  if (!frame) throw new Error(`${name} has no ${topic} frame`)
  return frame
}
