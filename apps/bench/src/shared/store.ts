/** An item as the benchmark routes answer it. */
export interface Item {
  readonly id: string;
  readonly name: string;
  readonly price: number;
}

// Read-only on purpose: the soak sends a million requests, and a store that
// grew with them would hide (or fake) a leak in the layer under test.
const items = new Map<string, Item>([['1', { id: '1', name: 'widget', price: 9.5 }]]);

/** The item with this id, or undefined (every id but "1"). */
export function findItem(id: string): Item | undefined {
  return items.get(id);
}

/** The detail every 404 of the benchmark carries. */
export const NOT_FOUND_DETAIL = 'Item not found';

/** Id the POST route gives the item it "creates" (nothing is stored). */
export const CREATED_ID = '2';
