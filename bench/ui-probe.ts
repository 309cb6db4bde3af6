// Runs inside the page (a Playwright init script, before the app's own scripts): records every
// animation-frame interval, every long task, and for tape rows the time from the `trades` event's
// receipt to the first frame after the row was written to the DOM (an upper bound on "painted").
// Plain JavaScript source: the page has no tsx helpers, and the node tsconfig has no DOM types.

export interface UiProbeReport {
  frames: number[]
  longTasks: number[]
  receiptToPainted: number[]
  tradesReceived: number
  rowsPainted: number
  /** The renderer's own tape statistics, when it exposes them (`window.__mdmTapeStats`). */
  tapeStats: unknown
}

export const UI_PROBE_SOURCE = `(() => {
  const probe = { measuring: false, frames: [], longTasks: [], receiptToPainted: [],
    tradesReceived: 0, rowsPainted: 0, receivedAt: new Map() }
  window.__benchProbe = probe

  let last = 0
  const onFrame = (t) => {
    if (probe.measuring && last > 0) probe.frames.push(t - last)
    last = t
    requestAnimationFrame(onFrame)
  }
  requestAnimationFrame(onFrame)

  new PerformanceObserver((list) => {
    if (!probe.measuring) return
    for (const e of list.getEntries()) probe.longTasks.push(e.duration)
  }).observe({ type: 'longtask', buffered: false })

  // Our listener is added in the constructor, before the app's: it sees each event first.
  const Native = window.EventSource
  window.EventSource = class extends Native {
    constructor(url, init) {
      super(url, init)
      this.addEventListener('trades', (ev) => {
        if (!probe.measuring) return
        const now = performance.now()
        const batch = JSON.parse(ev.data)
        const list = Array.isArray(batch) ? batch : []
        for (const t of list) if (typeof t.trade_id === 'string') probe.receivedAt.set(t.trade_id, now)
        probe.tradesReceived += list.length
        // Bounded: ids never painted (the tape shows a window of them) are forgotten.
        if (probe.receivedAt.size > 200000) probe.receivedAt.clear()
      })
    }
  }

  const observer = new MutationObserver((records) => {
    if (!probe.measuring) return
    const painted = []
    for (const r of records) {
      const targets = r.type === 'attributes' ? [r.target] : [...r.addedNodes]
      for (const el of targets) {
        if (!(el instanceof Element)) continue
        const id = el.getAttribute('data-trade-id')
        const at = id === null ? undefined : probe.receivedAt.get(id)
        if (at === undefined) continue
        probe.receivedAt.delete(id)
        probe.rowsPainted++
        painted.push(at)
      }
    }
    // The frame holding the DOM write has been painted by the time the next rAF runs.
    if (painted.length > 0) requestAnimationFrame((t) => { for (const at of painted) probe.receiptToPainted.push(t - at) })
  })
  const start = () =>
    observer.observe(document.documentElement, { subtree: true, childList: true, attributeFilter: ['data-trade-id'] })
  if (document.documentElement) start()
  else document.addEventListener('DOMContentLoaded', start)
})()`

/** Starts recording; the tape's own per-frame work samples start afresh with it. */
export const START_MEASURING =
  'window.__benchProbe.measuring = true; if (window.__mdmTapeStats) window.__mdmTapeStats.frameWorkMs.length = 0'

export const COLLECT_REPORT = `(() => {
  const p = window.__benchProbe
  p.measuring = false
  return { frames: p.frames, longTasks: p.longTasks, receiptToPainted: p.receiptToPainted,
    tradesReceived: p.tradesReceived, rowsPainted: p.rowsPainted, tapeStats: window.__mdmTapeStats ?? null }
})()`
