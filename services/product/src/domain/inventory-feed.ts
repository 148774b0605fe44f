export interface StockChange {
  readonly productId: string;
  readonly stock: number;
  readonly version: number;
  readonly changedAt: Date;
}

/**
 * Stock changes made by this process, fanned out to open WatchInventory streams. Each replica
 * feeds its own watchers (see docs/architecture.md, "Product inventory").
 */
export interface InventoryFeed {
  subscribe(listener: (change: StockChange) => void): () => void;
  emit(change: StockChange): void;
  watcherCount(): number;
}

export function createInventoryFeed(): InventoryFeed {
  const listeners = new Set<(change: StockChange) => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(change) {
      for (const listener of listeners) listener(change);
    },
    watcherCount: () => listeners.size,
  };
}
