import type { Api, Unsubscribe } from '../../../shared/contract'

/**
 * How the link to the engine is doing. Electron IPC is always `open`; over HTTP it follows the
 * `/events` stream (EventSource reconnects by itself, and we reopen it if it gives up).
 */
export type TransportState = 'connecting' | 'open' | 'reconnecting' | 'down'

/** The contract's `Api` plus the transport's health, which is all the renderer knows of the transport. */
export interface MonitorApi extends Api {
  watchTransport(listener: (state: TransportState) => void): Unsubscribe
  /**
   * The mirror dropped pushed events for this client because it fell behind (SSE `dropped`):
   * `count` events are missing. Never called over IPC.
   */
  watchDropped(listener: (count: number) => void): Unsubscribe
  /** Where the engine is, in words, for error states ("the engine at http://127.0.0.1:8000"). */
  readonly endpoint: string
}
