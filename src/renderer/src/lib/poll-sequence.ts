// Which answers of a polled request may still be shown. Loads overlap (a poll tick, a "Re-run", a
// new row count), and answers can come back in any order; a view that is paused or gone must not be
// changed by an answer to a request made before that.

export class PollSequence {
  private started = 0
  private heldBelow = 0

  /** A load starts: its number, to ask `shows` about when its answer arrives. */
  begin(): number {
    return ++this.started
  }

  /** Answers to the loads started so far are not shown (the view was paused, or went away). */
  hold(): void {
    this.heldBelow = this.started
  }

  /** The answer of load `id` may be shown: it is the newest started, and none was held since. */
  shows(id: number): boolean {
    return id === this.started && id > this.heldBelow
  }

  /** No newer load has started since `id`: when its answer is not shown, nothing is loading. */
  isNewest(id: number): boolean {
    return id === this.started
  }
}
