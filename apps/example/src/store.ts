import type { Item } from './models.js';

/** The example's in-memory state: items, and what the background tasks did. */
export interface Store {
  readonly items: Map<number, Item>;
  /** Names of the background tasks that ran, in order (`GET /process/log`). */
  readonly tasks: string[];
  /** Error codes (or messages) of the background tasks that failed. */
  readonly failures: string[];
  nextId: number;
  /** The id of the next report `POST /reports` creates (rows 31-39). */
  nextReport: number;
}

/** A fresh store, seeded with item 1. */
export function createStore(): Store {
  return {
    items: new Map([[1, { id: 1, name: 'Hammer', price: 9.5 }]]),
    tasks: [],
    failures: [],
    nextId: 2,
    nextReport: 1,
  };
}

/** Stores a new item under the next id and returns it. */
export function addItem(store: Store, input: { name: string; price: number }): Item {
  const item = { id: store.nextId++, name: input.name, price: input.price };
  store.items.set(item.id, item);
  return item;
}
