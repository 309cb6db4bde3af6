// The rules a polled view follows for overlapping answers: the newest load wins whatever order the
// answers arrive in, and a pause (or leaving the view) drops answers to loads made before it.

import { describe, expect, it } from 'vitest'
import { PollSequence } from '../../src/renderer/src/lib/poll-sequence'

describe('PollSequence', () => {
  it('shows only the newest load, whichever answer arrives first', () => {
    const seq = new PollSequence()
    const tick = seq.begin()
    const rows200 = seq.begin() // the user picked 200 rows while the 20-row tick was in flight
    expect(seq.shows(rows200)).toBe(true)
    expect(seq.shows(tick)).toBe(false) // arriving late, it would put 20 rows back
    expect(seq.isNewest(tick)).toBe(false)
  })

  it('drops the answer to a load started before a pause, and shows a load started after it', () => {
    const seq = new PollSequence()
    const inFlight = seq.begin()
    seq.hold() // Pause: the list on screen stays
    expect(seq.shows(inFlight)).toBe(false)
    expect(seq.isNewest(inFlight)).toBe(true) // nothing else is loading
    const newLimit = seq.begin() // a new row count while paused reads at once
    expect(seq.shows(newLimit)).toBe(true)
  })

  it('shows nothing started before the view went away, even when no load followed', () => {
    const seq = new PollSequence()
    const a = seq.begin()
    expect(seq.shows(a)).toBe(true)
    seq.hold()
    expect(seq.shows(a)).toBe(false)
  })
})
