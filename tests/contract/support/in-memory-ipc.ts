// An in-memory stand-in for Electron's ipcMain / webContents / ipcRenderer, close enough to show what
// the glue does: values cross by structured clone (as Electron serializes them), `invoke` on a channel
// with no handler rejects the way Electron does, `send` to a destroyed webContents throws, and pushed
// messages arrive asynchronously with an event object first.

import { EventEmitter } from 'node:events'
import type {
  InvokeEventLike,
  InvokeHandler,
  IpcMainLike,
  SenderFrameLike,
  WebContentsLike
} from '../../../src/main/ipc/ipc-types'
import type { IpcListener, IpcRendererLike } from '../../../src/preload/ipc-client'

export class InMemoryIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, InvokeHandler>()

  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    this.handlers.set(channel, handler)
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }
}

/** One window: its webContents (main's side) and its ipcRenderer (the preload's side). */
export class InMemoryWindow implements WebContentsLike {
  /** The frame that `invoke` reports as the sender; tests swap it for a foreign or null one. */
  senderFrame: SenderFrameLike | null
  readonly sentAfterDestroy: string[] = []
  private destroyed = false
  private readonly emitter = new EventEmitter()

  constructor(
    private readonly main: InMemoryIpcMain,
    url: string
  ) {
    this.senderFrame = { url, parent: null }
  }

  // ---- webContents (main side)
  isDestroyed(): boolean {
    return this.destroyed
  }

  send(channel: string, payload: unknown): void {
    if (this.destroyed) {
      this.sentAfterDestroy.push(channel)
      throw new Error('Object has been destroyed')
    }
    const copy = structuredClone(payload)
    setImmediate(() => this.emitter.emit(channel, { sender: 'ipc-renderer-event' }, copy))
  }

  destroy(): void {
    this.destroyed = true
  }

  // ---- ipcRenderer (preload side)
  readonly ipcRenderer: IpcRendererLike & { listenerCount(channel: string): number } = {
    invoke: async (channel: string, ...args: unknown[]): Promise<unknown> => {
      const handler = this.main.handlers.get(channel)
      if (!handler) {
        throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`)
      }
      const event: InvokeEventLike = { sender: this, senderFrame: this.senderFrame }
      return structuredClone(await handler(event, ...structuredClone(args)))
    },
    on: (channel: string, listener: IpcListener) => this.emitter.on(channel, listener),
    removeListener: (channel: string, listener: IpcListener) => this.emitter.removeListener(channel, listener),
    listenerCount: (channel: string) => this.emitter.listenerCount(channel)
  }

  totalListeners(): number {
    return this.emitter.eventNames().reduce((n, name) => n + this.emitter.listenerCount(name), 0)
  }
}
