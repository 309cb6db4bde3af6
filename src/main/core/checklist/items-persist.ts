// The durable stage, after "No storage exceptions": what storage stores also reaches the data dir.
// Only in a run with a data dir (serve, demo, the desktop app); skipped by choice when persistence
// is turned off.

import * as fixes from './fixes'
import type { ItemRule } from './rule'
import { at, plural } from './words'

/** The newest trade on disk may trail the newest stored one by this much and still pass. */
export const PERSIST_WITHIN_MS = 5000
/** A write queue older than this fails the stage: the disk is not keeping up. */
export const PERSIST_STUCK_MS = 30_000

export const tradesPersisted: ItemRule = {
  id: 'trades_persisted',
  title: 'Trades persisted',
  depends_on: ['no_storage_errors'],
  link: { view: 'storage' },
  applies: (ev) => ev.persist !== null,
  judge: (ev, x) => {
    const p = ev.persist
    if (p === null) return { status: 'skipped', evidence: 'no data dir', facts: {}, fix: [], byChoice: true }
    const newestStored = ev.stats.newest_timestamp
    const newestOnDisk = p.newest_persisted_timestamp
    const behind = newestStored === null || newestOnDisk === null ? 0 : Math.max(0, newestStored - newestOnDisk)
    const facts = {
      state: p.state,
      data_dir: p.data_dir,
      persisted: p.persisted,
      not_persisted: p.not_persisted,
      queue_depth: p.queue_depth,
      lag_ms: p.lag_ms,
      rows_on_disk: p.rows_on_disk,
      newest_persisted: p.newest_persisted_timestamp,
      newest_stored: newestStored,
      last_error_code: p.last_error?.code ?? null,
      last_error: p.last_error?.message ?? null
    }
    if (p.state === 'off') {
      return {
        status: 'skipped',
        evidence: `persistence is off (${ev.persistOffReason}): trades are kept in memory only`,
        facts,
        fix: fixes.persistOffFixes(),
        byChoice: true
      }
    }
    const counts = `${plural(p.persisted, 'trade')} written this run, ${p.not_persisted} not persisted, ${p.rows_on_disk} on disk`
    const queue = `queue ${p.queue_depth}, lag ${p.lag_ms} ms`
    if (p.state === 'opening') return { status: 'pending', evidence: `opening ${p.file ?? p.data_dir}`, facts, fix: [] }
    if (p.state === 'failing') {
      const err = p.last_error
        ? `${p.last_error.code} at ${at(p.last_error.at, ev.now)}: ${p.last_error.message}`
        : 'no error recorded'
      return {
        status: 'fail',
        evidence: `the data dir fails (${err}); ${counts}; ${queue}`,
        facts,
        fix: fixes.persistFixes(x, p.data_dir, p.last_error?.code ?? null)
      }
    }
    if (p.lag_ms > PERSIST_STUCK_MS) {
      return {
        status: 'fail',
        evidence: `the write queue is not draining: ${queue}; ${counts}`,
        facts,
        fix: fixes.persistFixes(x, p.data_dir, p.last_error?.code ?? null)
      }
    }
    if (newestStored === null) return { status: 'pending', evidence: `nothing stored yet; ${counts}`, facts, fix: [] }
    if (newestOnDisk === null || p.lag_ms > PERSIST_WITHIN_MS || behind > PERSIST_WITHIN_MS) {
      const trail =
        newestOnDisk === null ? 'nothing on disk yet' : `the newest on disk trails the newest stored by ${behind} ms`
      return {
        status: 'pending',
        evidence: `writing: ${queue}; ${trail}; ${counts}`,
        facts,
        fix: []
      }
    }
    return {
      status: 'pass',
      evidence: `${counts}; the newest on disk is ${behind} ms behind the newest stored; ${queue}`,
      facts,
      fix: []
    }
  }
}
