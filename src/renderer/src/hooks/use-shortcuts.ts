import { useEffect } from 'react'
import { appStore } from '../store'
import { VIEWS } from '../store/ui-slice'

function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  const tag = target.tagName
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable
}

/** Focuses the current view's search or filter box (`/`). */
function focusSearch(): void {
  const el = document.querySelector<HTMLElement>('[data-search]')
  el?.focus()
  if (el instanceof HTMLInputElement) el.select()
}

/** Space / P pause the tape, `/` focuses search, digits switch views (VIEWS order), ? toggles help, Esc closes it. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.ctrlKey || e.metaKey || e.altKey) return
      const s = appStore.getState()
      if (e.key === 'Escape') {
        if (s.helpOpen) s.setHelpOpen(false)
        if (typingInto(e.target)) (e.target as HTMLElement).blur()
        return
      }
      if (typingInto(e.target)) return
      if (e.key === ' ' || e.key === 'p' || e.key === 'P') {
        // Space still activates a focused button, except the navigation (where it means "pause")
        if (e.key === ' ' && e.target instanceof HTMLButtonElement && !e.target.classList.contains('nav-item')) return
        e.preventDefault()
        s.toggleTapePaused()
      } else if (e.key === '/') {
        e.preventDefault()
        focusSearch()
      } else if (e.key === '?') {
        s.setHelpOpen(!s.helpOpen)
      } else if (/^[1-9]$/.test(e.key)) {
        const view = VIEWS[Number(e.key) - 1]
        if (view) s.setView(view.id)
      } else if (e.key === 't' || e.key === 'T') {
        s.toggleTheme()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}

const LAST_VIEW = VIEWS[VIEWS.length - 1]

/** The help table; the view keys follow VIEWS, so adding a view cannot leave the help behind. */
export const SHORTCUTS: readonly { keys: string[]; what: string }[] = [
  { keys: ['Space', 'P'], what: 'Pause or resume the trade tape' },
  { keys: ['/'], what: 'Focus the search or filter box' },
  { keys: ['1', '–', String(VIEWS.length)], what: `Switch view (${VIEWS[0].label} … ${LAST_VIEW.label})` },
  { keys: ['T'], what: 'Toggle dark / light theme' },
  { keys: ['?'], what: 'Show or hide this help' },
  { keys: ['Esc'], what: 'Close help, leave a text box' }
]
