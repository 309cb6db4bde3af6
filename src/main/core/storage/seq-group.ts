// The ids of the trades at a ring's highest `seq` (see SymbolRing's duplicate check). Most seq
// groups hold one to a few trades and a new one starts with nearly every trade, so a Set here
// allocated a fresh table on every clear: a short array holds the first ids, and only a big group
// (a block trade matched against many orders) moves to a Set.

const INLINE_IDS = 16

export class SeqGroup {
  private readonly ids: string[] = []
  private n = 0
  private set: Set<string> | null = null

  get size(): number {
    return this.set !== null ? this.set.size : this.n
  }

  clear(): void {
    this.n = 0
    this.set = null
  }

  add(id: string): void {
    if (this.set !== null) this.set.add(id)
    else if (this.n < INLINE_IDS) this.ids[this.n++] = id
    else {
      this.set = new Set(this.ids.slice(0, this.n))
      this.set.add(id)
    }
  }

  has(id: string): boolean {
    if (this.set !== null) return this.set.has(id)
    for (let i = 0; i < this.n; i++) if (this.ids[i] === id) return true
    return false
  }
}
