// The main window's size, position and maximized flag across runs: read back untrusted, fitted onto
// a display that exists now (a monitor may have been unplugged), and written at most once per quiet
// spell while the user drags, plus once when the window closes.

import type { KeyValueStore } from './settings-persistence'

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface WindowState {
  /** The normal (not maximized) bounds; no position: fitToDisplays centres it on the primary display. */
  bounds: { x?: number; y?: number; width: number; height: number }
  maximized: boolean
}

export const DEFAULT_WINDOW_STATE: WindowState = { bounds: { width: 1440, height: 900 }, maximized: false }
export const MIN_WINDOW = { width: 1024, height: 640 } as const
/** How much of the window must lie on a display for the saved position to stand (the title bar's grip). */
const VISIBLE_MIN = { width: 120, height: 40 } as const

const KEY = 'windowState'

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 1e6

/** What the store holds, or null when it holds nothing usable. */
export function parseWindowState(raw: unknown): WindowState | null {
  if (typeof raw !== 'object' || raw === null) return null
  const { bounds, maximized } = raw as Record<string, unknown>
  if (typeof bounds !== 'object' || bounds === null) return null
  const b = bounds as Record<string, unknown>
  if (!isInt(b.width) || !isInt(b.height) || b.width <= 0 || b.height <= 0) return null
  const placed = isInt(b.x) && isInt(b.y)
  return {
    bounds: placed
      ? { x: b.x as number, y: b.y as number, width: b.width, height: b.height }
      : { width: b.width, height: b.height },
    maximized: maximized === true
  }
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  }
}

/**
 * Fits a saved state onto today's displays (their work areas, the primary first): no larger than
 * the display it lands on, and kept where it was only when enough of it is visible there;
 * otherwise centred on the primary display.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0]
  if (!primary) return state
  const { x, y } = state.bounds
  const home =
    x !== undefined && y !== undefined
      ? workAreas.find((area) => {
          const o = overlap({ x, y, width: state.bounds.width, height: state.bounds.height }, area)
          return o.width >= VISIBLE_MIN.width && o.height >= VISIBLE_MIN.height
        })
      : undefined
  const area = home ?? primary
  const width = Math.min(Math.max(state.bounds.width, MIN_WINDOW.width), area.width)
  const height = Math.min(Math.max(state.bounds.height, MIN_WINDOW.height), area.height)
  if (home && x !== undefined && y !== undefined) {
    // Pulled back inside its display where it stuck out.
    const nx = Math.min(Math.max(x, area.x), area.x + area.width - width)
    const ny = Math.min(Math.max(y, area.y), area.y + area.height - height)
    return { bounds: { x: nx, y: ny, width, height }, maximized: state.maximized }
  }
  return {
    bounds: {
      x: area.x + Math.round((area.width - width) / 2),
      y: area.y + Math.round((area.height - height) / 2),
      width,
      height
    },
    maximized: state.maximized
  }
}

export function loadWindowState(store: KeyValueStore, workAreas: readonly Rect[]): WindowState {
  return fitToDisplays(parseWindowState(store.get(KEY)) ?? DEFAULT_WINDOW_STATE, workAreas)
}

/** Debounced writes of the window's state; `flush` writes what is pending now (window closing, quit). */
export class WindowStateSaver {
  private pending: WindowState | null = null
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly store: KeyValueStore,
    private readonly debounceMs = 500
  ) {}

  update(state: WindowState): void {
    this.pending = state
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => this.flush(), this.debounceMs)
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.pending === null) return
    this.store.set(KEY, this.pending)
    this.pending = null
  }
}
