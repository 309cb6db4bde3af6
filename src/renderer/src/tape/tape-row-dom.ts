// One pooled tape row in the DOM and how a model row is written into it. Every write is skipped
// when the value is already there: at high rates the painter rewrites each visible row per batch,
// and unchanged text, classes and attributes cost style and layout work for nothing.

import { gapSummary } from '../lib/gap-words'
import { fmtClockMs } from '../lib/format'
import type { TapeRow } from './tape-model'

/** A text node whose last written value is remembered. */
class Text {
  private value = ''
  constructor(private readonly node: globalThis.Text) {}
  set(value: string): void {
    if (value !== this.value) this.node.data = this.value = value
  }
}

function textCell(parent: HTMLElement, cls: string): Text {
  const span = document.createElement('span')
  span.className = cls
  const node = document.createTextNode('')
  span.appendChild(node)
  parent.appendChild(span)
  return new Text(node)
}

/** An exact decimal string split at the point: the fraction sits in a fixed-width box so points align. */
class DecimalCell {
  private readonly whole: Text
  private readonly frac: Text
  constructor(row: HTMLElement, cls: string) {
    const outer = document.createElement('span')
    outer.className = cls
    row.appendChild(outer)
    this.whole = textCell(outer, 'i')
    this.frac = textCell(outer, 'f')
  }
  set(value: string): void {
    const dot = value.indexOf('.')
    this.whole.set(dot < 0 ? value : value.slice(0, dot))
    this.frac.set(dot < 0 ? '' : value.slice(dot))
  }
}

const GAP_ATTRS = ['data-gap-id', 'data-backfill', 'data-open']
const TRADE_ATTRS = [
  'data-side',
  'data-price',
  'data-size',
  'data-notional',
  'data-trade-id',
  'data-count',
  'data-backfilled'
]

export class PooledRow {
  readonly el: HTMLDivElement
  private readonly time: Text
  private readonly symbol: Text
  private readonly side: Text
  private readonly price: DecimalCell
  private readonly size: DecimalCell
  private readonly notional: DecimalCell
  private readonly note: Text
  private readonly attrs = new Map<string, string>()
  private className = ''
  private kind: TapeRow['kind'] | null = null
  /** What is shown: the row's key and a signature of its mutable parts; -1 when hidden. */
  private key = -1
  private sig = ''

  constructor(height: number) {
    const el = document.createElement('div')
    el.style.height = `${height}px`
    this.el = el
    this.time = textCell(el, 'c-time')
    this.symbol = textCell(el, 'c-symbol')
    this.side = textCell(el, 'c-side')
    this.price = new DecimalCell(el, 'c-price')
    this.size = new DecimalCell(el, 'c-size')
    this.notional = new DecimalCell(el, 'c-notional')
    this.note = textCell(el, 'c-note')
    el.hidden = true
  }

  hide(): void {
    if (this.key === -1) return
    this.el.hidden = true
    this.key = -1
  }

  /** Writes `row` unless it is what the slot already shows; true when the DOM was touched. */
  show(row: TapeRow, largeNotional: number): boolean {
    const large = row.kind === 'trade' && largeNotional > 0 && Number(row.notional) >= largeNotional
    const sig = row.kind === 'trade' ? `${row.count}${large ? 'L' : ''}` : `g${row.revision}`
    if (this.key === row.key && this.sig === sig) return false
    this.key = row.key
    this.sig = sig
    if (this.el.hidden) this.el.hidden = false
    if (row.kind !== this.kind) {
      // attributes of the other kind must not linger on a recycled element
      for (const name of this.kind === 'gap' ? GAP_ATTRS : this.kind === 'trade' ? TRADE_ATTRS : []) {
        this.el.removeAttribute(name)
        this.attrs.delete(name)
      }
      this.kind = row.kind
    }
    if (row.kind === 'gap') {
      const g = row.gap
      this.setClass(`tape-row gap-marker${g.to === null ? ' open' : ''} bf-${g.backfill}`)
      this.attr('data-testid', 'tape-gap')
      this.attr('data-gap-id', String(g.id))
      this.attr('data-symbol', g.symbol)
      this.attr('data-backfill', g.backfill)
      this.attr('data-open', g.to === null ? 'true' : 'false')
      this.time.set(fmtClockMs(g.from))
      this.symbol.set(g.symbol)
      this.side.set('GAP')
      this.price.set('')
      this.size.set('')
      this.notional.set('')
      this.note.set(gapSummary(g))
      return true
    }
    const side = row.side === 'BUY' ? 'buy' : 'sell'
    this.setClass(`tape-row ${side}${large ? ' large' : ''}${row.backfilled ? ' backfilled' : ''}`)
    this.attr('data-testid', 'tape-row')
    this.attr('data-symbol', row.symbol)
    this.attr('data-side', row.side)
    this.attr('data-price', row.price)
    this.attr('data-size', row.size)
    this.attr('data-notional', row.notional)
    this.attr('data-trade-id', row.tradeId)
    this.attr('data-count', String(row.count))
    this.attr('data-backfilled', row.backfilled ? 'true' : 'false')
    this.time.set(fmtClockMs(row.timestamp))
    this.symbol.set(row.symbol)
    this.side.set(row.count > 1 ? `${row.side} ×${row.count}` : row.side)
    this.price.set(row.price)
    this.size.set(row.size)
    this.notional.set(row.notional)
    this.note.set('')
    return true
  }

  private setClass(cls: string): void {
    if (cls !== this.className) this.el.className = this.className = cls
  }

  private attr(name: string, value: string): void {
    if (this.attrs.get(name) === value) return
    this.attrs.set(name, value)
    this.el.setAttribute(name, value)
  }
}
