// What the tray shows, decided from the collectors' statuses: the icon's colour, the tooltip (feed
// state, trades/s, the last problem) and the menu. Plain data; src/main/electron/tray.ts draws it.

import type { CollectorStatus } from '../../shared/dto'
import { feedState, type FeedState } from '../../shared/feed-state'

export type TrayColour = 'green' | 'amber' | 'red' | 'grey'

export const TRAY_COLOURS: readonly TrayColour[] = ['green', 'amber', 'red', 'grey']

const COLOUR_OF: Record<FeedState, TrayColour> = {
  live: 'green',
  degraded: 'amber',
  connecting: 'amber',
  down: 'red',
  paused: 'grey',
  idle: 'grey'
}

const WORDS_OF: Record<FeedState, string> = {
  live: 'feed live',
  degraded: 'feed degraded',
  connecting: 'connecting',
  down: 'feed down',
  paused: 'collection paused',
  idle: 'no collectors'
}

export type TrayAction = 'show' | 'pause' | 'resume' | 'quit'

export interface TrayMenuItem {
  action: TrayAction
  label: string
}

export interface TrayView {
  colour: TrayColour
  tooltip: string
  menu: TrayMenuItem[]
}

/** Windows cuts tray tooltips at 127 characters; the same limit everywhere keeps them alike. */
export const TOOLTIP_MAX = 127

function tradesPerSecond(list: readonly CollectorStatus[]): string {
  const total = list.reduce((sum, c) => sum + c.trades_per_s, 0)
  return `${total < 10 ? total.toFixed(1) : Math.round(total).toLocaleString('en-US')} trades/s`
}

/** The most recent error of any collector, in its code and words. */
function lastProblem(list: readonly CollectorStatus[]): string | null {
  let latest: CollectorStatus['last_error'] = null
  for (const c of list) if (c.last_error && (!latest || c.last_error.at > latest.at)) latest = c.last_error
  return latest ? `last problem: ${latest.code}: ${latest.message}` : null
}

function clip(text: string): string {
  return text.length <= TOOLTIP_MAX ? text : `${text.slice(0, TOOLTIP_MAX - 1)}…`
}

export function trayView(statuses: readonly CollectorStatus[]): TrayView {
  const byName = Object.fromEntries(statuses.map((c) => [c.name, c]))
  const state = feedState(byName)
  const paused = state === 'paused'
  const problem = lastProblem(statuses)
  const lines = [`Market Data Monitor: ${WORDS_OF[state]}, ${tradesPerSecond(statuses)}`]
  if (problem) lines.push(problem)
  return {
    colour: COLOUR_OF[state],
    tooltip: clip(lines.join('\n')),
    menu: [
      { action: 'show', label: 'Show' },
      paused ? { action: 'resume', label: 'Resume collection' } : { action: 'pause', label: 'Pause collection' },
      { action: 'quit', label: 'Quit' }
    ]
  }
}

export interface TrayChanges {
  colour: boolean
  tooltip: boolean
  menu: boolean
}

/**
 * What differs from what the tray shows now, part by part: the tray's setters are IPC to the desktop
 * shell on some platforms, and on Linux a new menu is re-exported over D-Bus (an open menu would
 * flicker or close), so the menu is set only when its items change, not when trades/s moves.
 */
export function trayChanges(shown: TrayView | null, next: TrayView): TrayChanges {
  return {
    colour: shown?.colour !== next.colour,
    tooltip: shown?.tooltip !== next.tooltip,
    menu: shown === null || JSON.stringify(shown.menu) !== JSON.stringify(next.menu)
  }
}
