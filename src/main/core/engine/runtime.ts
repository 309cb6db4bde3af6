// The collectors' recipe from the settings, and what the engine hooks onto every collector the
// manager builds (now, on a settings change, on a restart): trades to the event batcher, raw
// frames to the recorder.

import type { Category } from '../../../shared/dto'
import { marketsOf } from '../../../shared/markets'
import { effectiveRestUrl, primaryCategory, wsUrlFor, type Settings } from '../../../shared/settings'
import type { MarketSpec } from '../collector/collector-config'
import type { CollectorTimings } from '../collector/timings'
import type { NamedLog, RingLog } from '../log/engine-log'
import type { CollectorManager, CollectorSpec } from '../manager'
import type { EventPublisher } from '../publisher'
import { FrameRecorder } from '../recorder'
import type { TaskRegistry } from '../tasks'
import { COLLECTOR_NAME } from './options'

export interface WiringParts {
  log: RingLog
  engineLog: NamedLog
  tasks: TaskRegistry
  timings: CollectorTimings
  random?: () => number
}

export class CollectorWiring {
  private recorderValue: FrameRecorder | null = null

  constructor(private readonly parts: WiringParts) {}

  /**
   * One collector for every selected category: each with its URL (a custom URL's category segment
   * swapped per category) and its symbols, or ALL.
   */
  specFor(s: Settings): CollectorSpec {
    const { log, tasks, timings, random, engineLog } = this.parts
    const { markets: selected, ignored } = marketsOf(s.category, s.symbols)
    if (ignored.length > 0) {
      engineLog.warning(
        `Symbols for a category not selected are ignored: ${ignored.join(', ')} (category ${s.category})`
      )
    }
    // One category: the URL exactly as given (as before several categories); several: each its own.
    const urlOf = (c: Category): string => (selected.length === 1 && s.wsUrl !== null ? s.wsUrl : wsUrlFor(s, c))
    const markets: MarketSpec[] = selected.map((m) => ({ ...m, url: urlOf(m.category) }))
    const main = markets[0] ?? { category: primaryCategory(s), url: wsUrlFor(s, primaryCategory(s)), symbols: [] }
    return {
      name: COLLECTOR_NAME,
      category: main.category,
      url: main.url,
      restUrl: effectiveRestUrl(s),
      symbols: main.symbols === 'ALL' ? [] : main.symbols,
      markets,
      proxy: s.proxy,
      log,
      tasks,
      timings,
      random
    }
  }

  /** Every collector, present and future: trades go to the running publisher, frames to the recorder. */
  wire(manager: CollectorManager, publisher: () => EventPublisher | null): void {
    manager.onEach((c) =>
      c.on('trade', (t) => publisher()?.pushTrade(t)).on('frame', (text) => this.recorderValue?.write(text))
    )
  }

  openRecorder(file: string | null): void {
    if (file === null) return
    this.recorderValue = new FrameRecorder(file, this.parts.engineLog)
    this.parts.engineLog.info(`Recording raw frames to ${file}`)
  }

  async closeRecorder(): Promise<void> {
    const r = this.recorderValue
    this.recorderValue = null
    if (r) await r.close()
  }
}
