// Plays planned tones with Web Audio: one oscillator and one gain envelope per tone, created and
// dropped per tone (cheap; nothing accumulates). The context is created on first use and resumed
// from a user gesture (browsers start it suspended until the page is interacted with).

import type { Tone } from './tone-plan'

export interface ToneOutput {
  play(tones: readonly Tone[], volume: number): void
  /** Call from a click: lets the browser start audio. */
  unlock(): Promise<void>
  readonly state: 'unavailable' | 'suspended' | 'running' | 'closed'
}

export class WebAudioOut implements ToneOutput {
  private ctx: AudioContext | null = null

  get state(): ToneOutput['state'] {
    if (typeof AudioContext === 'undefined') return 'unavailable'
    return this.ctx === null ? 'suspended' : (this.ctx.state as ToneOutput['state'])
  }

  async unlock(): Promise<void> {
    const ctx = this.context()
    if (ctx && ctx.state === 'suspended') await ctx.resume()
  }

  play(tones: readonly Tone[], volume: number): void {
    const ctx = this.context()
    if (!ctx || ctx.state !== 'running' || volume <= 0) return
    for (const tone of tones) {
      const start = ctx.currentTime + tone.delayMs / 1000
      const end = start + tone.durationMs / 1000
      const osc = ctx.createOscillator()
      const env = ctx.createGain()
      osc.type = tone.wave
      osc.frequency.setValueAtTime(tone.frequency, start)
      // 5 ms attack, exponential decay: no clicks at either end.
      env.gain.setValueAtTime(0.0001, start)
      env.gain.exponentialRampToValueAtTime(Math.max(0.0002, tone.gain * volume), start + 0.005)
      env.gain.exponentialRampToValueAtTime(0.0001, end)
      osc.connect(env).connect(ctx.destination)
      osc.start(start)
      osc.stop(end + 0.02)
      osc.onended = () => env.disconnect()
    }
  }

  private context(): AudioContext | null {
    if (this.ctx === null && typeof AudioContext !== 'undefined') this.ctx = new AudioContext()
    return this.ctx
  }
}
