// The tape's column geometry, computed once per width instead of by the browser's grid on every
// row of every paint: cells are absolutely positioned from these CSS variables, so rewriting a row's
// text never re-runs column sizing. Header and rows share the numbers, so they line up exactly.

/** Minimum width and share of the spare width (fr) per column, as the tape's CSS grid had them. */
export const TAPE_COLUMNS = [
  { name: 'time', min: 118, fr: 0 },
  { name: 'symbol', min: 90, fr: 1 },
  { name: 'side', min: 92, fr: 0 },
  { name: 'price', min: 120, fr: 1.2 },
  { name: 'size', min: 110, fr: 1.1 },
  { name: 'notional', min: 140, fr: 1.1 }
] as const

export const TAPE_PADDING_X = 14
export const TAPE_COLUMN_GAP = 12

export interface ColumnBox {
  x: number
  w: number
}

/** Column boxes for a row `width` px wide (padding included); below the minimum, columns keep their minimum. */
export function tapeColumns(width: number): ColumnBox[] {
  const gaps = TAPE_COLUMN_GAP * (TAPE_COLUMNS.length - 1)
  const fixed = TAPE_COLUMNS.reduce((a, c) => a + c.min, 0)
  const spare = Math.max(0, width - 2 * TAPE_PADDING_X - gaps - fixed)
  const frTotal = TAPE_COLUMNS.reduce((a, c) => a + c.fr, 0)
  const out: ColumnBox[] = []
  let x = TAPE_PADDING_X
  for (const c of TAPE_COLUMNS) {
    const w = Math.floor(c.min + (frTotal > 0 ? (spare * c.fr) / frTotal : 0))
    out.push({ x, w })
    x += w + TAPE_COLUMN_GAP
  }
  return out
}

/** Writes `--tape-x-<name>` / `--tape-w-<name>` on `el` (and the right edge for the gap note). */
export function applyTapeColumns(el: HTMLElement, width: number): void {
  const cols = tapeColumns(width)
  TAPE_COLUMNS.forEach((c, i) => {
    el.style.setProperty(`--tape-x-${c.name}`, `${cols[i].x}px`)
    el.style.setProperty(`--tape-w-${c.name}`, `${cols[i].w}px`)
  })
  const last = cols[cols.length - 1]
  el.style.setProperty('--tape-row-w', `${last.x + last.w + TAPE_PADDING_X}px`)
}
