/**
 * Keeps the k highest-scoring items seen so far in a min-heap, so choosing the best hits out of many
 * touched passages costs O(n log k) instead of sorting them all.
 */
export class TopK<T> {
  private readonly heap: T[] = [];

  constructor(
    private readonly k: number,
    private readonly scoreOf: (item: T) => number,
  ) {}

  /** Would an item with this score be kept? Lets callers skip building items that would be dropped. */
  accepts(score: number): boolean {
    return this.k > 0 && (this.heap.length < this.k || score > this.scoreOf(this.heap[0]!));
  }

  offer(item: T): void {
    if (!this.accepts(this.scoreOf(item))) return;
    if (this.heap.length < this.k) {
      this.heap.push(item);
      this.siftUp(this.heap.length - 1);
    } else {
      this.heap[0] = item;
      this.siftDown(0);
    }
  }

  /** The kept items, best first. */
  sorted(): T[] {
    return [...this.heap].sort((a, b) => this.scoreOf(b) - this.scoreOf(a));
  }

  private siftUp(index: number): void {
    const { heap } = this;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (this.scoreOf(heap[parent]!) <= this.scoreOf(heap[index]!)) break;
      [heap[parent], heap[index]] = [heap[index]!, heap[parent]!];
      index = parent;
    }
  }

  private siftDown(index: number): void {
    const { heap } = this;
    for (;;) {
      const left = index * 2 + 1;
      const right = left + 1;
      let smallest = index;
      if (left < heap.length && this.scoreOf(heap[left]!) < this.scoreOf(heap[smallest]!)) smallest = left;
      if (right < heap.length && this.scoreOf(heap[right]!) < this.scoreOf(heap[smallest]!)) smallest = right;
      if (smallest === index) return;
      [heap[smallest], heap[index]] = [heap[index]!, heap[smallest]!];
      index = smallest;
    }
  }
}
