// What a category and symbol selection means, as every edge reads it (flags, the settings file, the
// desktop form, POST /settings), and a selection changed live on a running engine.
import { afterEach, describe, expect, it } from 'vitest'
import type { Engine } from '../../src/main/core/engine'
import type { CollectorStatus } from '../../src/shared/dto'
import { marketsOf, parseCategories, parseSymbolSelection } from '../../src/shared/markets'
import { wsUrlFor } from '../../src/shared/settings'
import { parseSettingsPatch } from '../../src/shared/validate'
import { parseCommandLine } from '../../src/main/host/flags/parse-command-line'
import { startStack, type Stack } from '../support/stack'
import { waitFor } from '../support/wait-for'

describe('category and symbol selections', () => {
  it('reads one category or a comma list, each once, in the order given', () => {
    expect(parseCategories('spot')).toEqual({ ok: true, value: 'spot' })
    expect(parseCategories(' Linear, spot ,linear')).toEqual({ ok: true, value: 'linear,spot' })
    expect(parseCategories(['inverse', 'spot'])).toEqual({ ok: true, value: 'inverse,spot' })
    for (const bad of ['', 'option', 'spot,option', 42]) expect(parseCategories(bad).ok).toBe(false)
  })

  it('reads symbols, category pairs and ALL', () => {
    expect(parseSymbolSelection('btcusdt, linear:ethusdt,LINEAR:ETHUSDT')).toEqual({
      ok: true,
      value: ['BTCUSDT', 'linear:ETHUSDT']
    })
    expect(parseSymbolSelection('all')).toEqual({ ok: true, value: ['ALL'] })
    expect(parseSymbolSelection('ALL,BTCUSDT')).toEqual({
      ok: false,
      error: 'ALL selects every listed symbol: give it alone'
    })
    expect(parseSymbolSelection('option:BTC').ok).toBe(false)
    expect(parseSymbolSelection('BTC/USDT').ok).toBe(false)
    // The old limit of 50 symbols is gone; a list stays bounded.
    const many = Array.from({ length: 600 }, (_, i) => `S${i}USDT`)
    expect(parseSymbolSelection(many).ok).toBe(true)
    expect(parseSymbolSelection(Array.from({ length: 5001 }, (_, i) => `S${i}USDT`)).ok).toBe(false)
  })

  it('expands a selection per category: a bare symbol everywhere, a pair in its own, ALL in each', () => {
    expect(marketsOf('spot,linear', ['BTCUSDT', 'linear:ETHUSDT', 'inverse:BTCUSD'])).toEqual({
      markets: [
        { category: 'spot', symbols: ['BTCUSDT'] },
        { category: 'linear', symbols: ['BTCUSDT', 'ETHUSDT'] }
      ],
      ignored: ['inverse:BTCUSD']
    })
    expect(marketsOf('linear,inverse', ['ALL']).markets).toEqual([
      { category: 'linear', symbols: 'ALL' },
      { category: 'inverse', symbols: 'ALL' }
    ])
    expect(marketsOf('spot,linear', ['linear:ETHUSDT']).markets).toEqual([{ category: 'linear', symbols: ['ETHUSDT'] }])
  })

  it('gives each category its URL: Bybit’s, or a custom one with the category segment swapped', () => {
    expect(wsUrlFor({ wsUrl: null, testnet: false }, 'linear')).toBe('wss://stream.bybit.com/v5/public/linear')
    expect(wsUrlFor({ wsUrl: 'ws://127.0.0.1:9100/v5/public/spot', testnet: false }, 'inverse')).toBe(
      'ws://127.0.0.1:9100/v5/public/inverse'
    )
  })

  it('keeps old settings files valid, and accepts the new forms in settings and flags', () => {
    expect(parseSettingsPatch({ category: 'spot', symbols: ['BTCUSDT', 'ETHUSDT'] })).toEqual({
      ok: true,
      value: { category: 'spot', symbols: ['BTCUSDT', 'ETHUSDT'] }
    })
    expect(parseSettingsPatch({ category: 'spot,linear', symbols: 'ALL' })).toEqual({
      ok: true,
      value: { category: 'spot,linear', symbols: ['ALL'] }
    })
    const line = parseCommandLine('serve', ['--category', 'linear,inverse', '--symbols', 'ALL'], {})
    expect(line.kind === 'run' && [line.values.category, line.values.symbols]).toEqual(['linear,inverse', ['ALL']])
    const env = parseCommandLine('serve', [], { MDM_CATEGORY: 'spot,linear', MDM_SYMBOLS: 'linear:BTCUSDT' })
    expect(env.kind === 'run' && [env.values.category, env.values.symbols]).toEqual(['spot,linear', ['linear:BTCUSDT']])
  })
})

describe('a selection with nothing to collect', () => {
  it('is refused on the command line (exit 2) instead of starting a collector with no connection', () => {
    const line = parseCommandLine('serve', ['--category', 'spot', '--symbols', 'linear:BTCUSDT'], {})
    expect(line).toEqual({
      kind: 'error',
      error: {
        code: 'flag_invalid',
        message: '--symbols: linear:BTCUSDT names no symbol of the selected categories (spot)'
      }
    })
    const env = parseCommandLine('serve', [], { MDM_CATEGORY: 'inverse', MDM_SYMBOLS: 'spot:BTCUSDT,linear:ETHUSDT' })
    expect(env.kind === 'error' && env.error.code).toBe('flag_invalid')
    // One pair of a selected category is enough; a flag given alone is left to the settings file.
    expect(parseCommandLine('serve', ['--category', 'spot,linear', '--symbols', 'linear:BTCUSDT'], {}).kind).toBe('run')
    expect(parseCommandLine('serve', ['--symbols', 'spot:BTCUSDT'], {}).kind).toBe('run')
    // The same change through the settings (POST /settings, the desktop form) is refused too.
    expect(parseSettingsPatch({ category: 'spot', symbols: ['linear:BTCUSDT'] })).toEqual({
      ok: false,
      error: 'symbols linear:BTCUSDT name no symbol of the selected categories (spot)'
    })
  })
})

describe('a selection changed live', () => {
  let stack: Stack | null = null
  afterEach(async () => {
    await stack?.close()
    stack = null
  })

  const status = (e: Engine): CollectorStatus =>
    e.handlers.getCollectorStatus({ name: 'bybit_trades' }) as CollectorStatus

  it('goes from one category to two and back; the category left keeps no gap open', async () => {
    stack = await startStack({
      simulator: { seed: 3 },
      engine: { settings: { category: 'spot', symbols: ['BTCUSDT'] } }
    })
    const { engine } = stack
    await waitFor(() => status(engine).phase === 'streaming', { what: 'streaming' })
    await engine.handlers.updateSettings({ category: 'spot,linear', symbols: ['BTCUSDT', 'linear:ETHUSDT'] })
    await waitFor(() => status(engine).phase === 'streaming' && status(engine).connections!.length === 2, {
      what: 'two connections streaming'
    })
    expect(status(engine).subscriptions.map((t) => `${t.category}:${t.symbol}`)).toEqual([
      'spot:BTCUSDT',
      'linear:BTCUSDT',
      'linear:ETHUSDT'
    ])
    await engine.handlers.updateSettings({ category: 'spot', symbols: ['BTCUSDT'] })
    await waitFor(() => status(engine).phase === 'streaming' && status(engine).connections!.length === 1, {
      what: 'one connection again'
    })
    const gaps = engine.handlers.getGaps().gaps
    expect(gaps.filter((g) => g.to === null)).toEqual([])
    const linear = gaps.filter((g) => g.category === 'linear')
    expect(linear.map((g) => g.symbol).sort()).toEqual(['BTCUSDT', 'ETHUSDT'])
    for (const g of linear) expect(g).toMatchObject({ cause: 'restart', backfill: 'skipped' })
  })
})
