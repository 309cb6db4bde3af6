// What "show the window" does (tray Show, a second launch, the dock): a window whose page failed to
// load or whose renderer is gone is replaced by a fresh one, as its error page promises; a healthy
// hidden window comes back as it was.

export type WindowBreakage = 'load_failed' | 'renderer_gone'

export type ShowPlan = 'open' | 'show' | 'recreate'

export function planShow(win: { broken: WindowBreakage | null } | null): ShowPlan {
  if (win === null) return 'open'
  return win.broken === null ? 'show' : 'recreate'
}
