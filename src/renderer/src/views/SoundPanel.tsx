import { useServices } from '../app-context'
import { Panel } from '../components/ui'
import { useNow } from '../hooks/use-now'
import { appStore, useApp } from '../store'
import { DEFAULT_TONE_PLAN, TonePlanner } from '../sound/tone-plan'
import './sound-panel.css'

/** A fresh planner for the test buttons: they always sound, whatever the live rate limit did. */
const preview = (): TonePlanner => new TonePlanner({ minGapMs: 0, feedQuietMs: 0 })

const plural = (n: number, word: string): string => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`

/** Opt-in sound alerts (works in the desktop app and in the browser UI alike). */
export function SoundPanel() {
  const { audio } = useServices()
  const prefs = useApp((s) => s.soundPrefs)
  const stats = useApp((s) => s.soundStats)
  const threshold = useApp((s) => s.tapePrefs.largeNotional)
  const downS = useApp((s) => s.settings?.notifications.downThresholdS ?? 30)
  const set = appStore.getState().setSoundPrefs
  useNow(1000) // the browser may suspend or resume audio at any time: re-read its state each second
  const unavailable = audio.state === 'unavailable'
  const blocked = prefs.enabled && audio.state !== 'running' && !unavailable

  const test = (kind: 'BUY' | 'SELL' | 'down'): void => {
    void audio.unlock().then(() => {
      const p = preview()
      // Highlight off (0): the tone a trade ten times a threshold of 1 would get.
      const th = threshold > 0 ? threshold : 1
      const tones = kind === 'down' ? p.forFeed('down', 0) : p.forTrades([{ side: kind, notional: th * 10 }], th, 0)
      audio.play(tones, prefs.volume)
    })
  }

  return (
    <Panel title="Sound alerts" testId="sound-panel" className="sound-panel">
      {unavailable ? <p className="muted small">This browser has no Web Audio: sound alerts are unavailable.</p> : null}
      {blocked ? (
        <p className="banner tone-warn sound-blocked" data-testid="sound-blocked">
          The browser has not started audio yet (it waits for a click in the page).{' '}
          <button type="button" className="btn small" onClick={() => void audio.unlock()}>
            Start audio
          </button>
        </p>
      ) : null}
      <label className="check sound-line">
        <input
          type="checkbox"
          checked={prefs.enabled}
          disabled={unavailable}
          onChange={(e) => {
            const enabled = e.target.checked
            // The click is the user gesture browsers require before audio may start.
            if (enabled) void audio.unlock()
            set({ enabled })
          }}
          data-testid="sound-enabled"
        />
        <span>
          A tone for each trade ≥ <span className="num">{threshold > 0 ? threshold.toLocaleString() : '— (off)'}</span>{' '}
          <span className="muted">(the tape&apos;s Highlight ≥): buys high, sells low, louder when larger</span>
        </span>
      </label>
      <label className="check sound-line">
        <input
          type="checkbox"
          checked={prefs.feed}
          disabled={unavailable || !prefs.enabled}
          onChange={(e) => set({ feed: e.target.checked })}
          data-testid="sound-feed"
        />
        <span>A falling tone when the feed is down or silent for {downS} s, a rising one when it is back</span>
      </label>
      <label className="sound-volume">
        <span>Volume</span>
        <input
          type="range"
          min={0}
          max={1}
          step={0.05}
          value={prefs.volume}
          disabled={unavailable}
          onChange={(e) => set({ volume: Number(e.target.value) })}
          data-testid="sound-volume"
        />
        <span className="num muted">{Math.round(prefs.volume * 100)} %</span>
      </label>
      <div className="sound-tests">
        <span className="muted small">Try:</span>
        <button type="button" className="btn small" disabled={unavailable} onClick={() => test('BUY')}>
          Buy
        </button>
        <button type="button" className="btn small" disabled={unavailable} onClick={() => test('SELL')}>
          Sell
        </button>
        <button type="button" className="btn small" disabled={unavailable} onClick={() => test('down')}>
          Feed down
        </button>
      </div>
      <p className="muted small num" data-testid="sound-stats" data-audio={audio.state}>
        {stats.played === 0 && stats.folded === 0
          ? prefs.enabled
            ? 'No alert yet.'
            : 'Off.'
          : `${plural(stats.played, 'tone')} played · ${plural(stats.folded, 'large trade')} folded into them (at most one tone per ${DEFAULT_TONE_PLAN.minGapMs} ms)` +
            (stats.last ? ` · last: ${stats.last}` : '')}
      </p>
    </Panel>
  )
}
