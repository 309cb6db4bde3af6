// The tape's symbol filter offers symbols as trades name them: never `ALL` or a `category:symbol`
// pair from the settings, which no trade carries (choosing one would show an empty tape).
import { describe, expect, it } from 'vitest'
import { tapeSymbolChoices } from '../../src/renderer/src/tape/tape-symbols'

describe('the tape symbol filter choices', () => {
  it('names symbols as trades do: ALL and category pairs are not symbols', () => {
    expect(tapeSymbolChoices(['ALL'], ['SOLUSDT'], null)).toEqual(['SOLUSDT'])
    expect(tapeSymbolChoices(['BTCUSDT', 'linear:ETHUSDT', 'spot:ETHUSDT'], [], null)).toEqual(['BTCUSDT', 'ETHUSDT'])
  })

  it('adds the symbols seen and the one filtered now, each once, sorted', () => {
    expect(tapeSymbolChoices(['linear:XRPUSDT'], ['BTCUSDT', 'XRPUSDT'], 'ADAUSDT')).toEqual([
      'ADAUSDT',
      'BTCUSDT',
      'XRPUSDT'
    ])
  })
})
