// A long list read a page at a time (the households list): which pages the rows in view need,
// a cache of the pages read, and a guard that drops replies to a question nobody asks any more.
// No Svelte and no Tauri here, so the arithmetic is unit-tested (pagedRows.test.ts); the screen
// turns `onchange` into its own state.

/** One page as the backend sends it: `rows` start at `offset` of `total` matches. */
export type Page<T> = { total: number; offset: number; rows: T[] };

/** Reads `limit` rows from `offset` on. */
export type FetchPage<T> = (offset: number, limit: number) => Promise<Page<T>>;

/**
 * Hands out tickets and says whether a ticket is still the newest: a reply that arrives after a
 * newer question was asked is stale and is dropped (typing "jan", then "jans": the answer for
 * "jan" may come last).
 */
export class Latest {
  private current = 0;
  next(): number {
    return ++this.current;
  }
  isCurrent(ticket: number): boolean {
    return ticket === this.current;
  }
}

/** The pages (by number, from 0) that hold rows `start` up to, not including, `end`. */
export function pagesFor(start: number, end: number, pageSize: number, total: number | null): number[] {
  const last = total === null ? end : Math.min(end, total);
  if (pageSize <= 0 || last <= start) return [];
  const pages: number[] = [];
  for (let p = Math.floor(Math.max(0, start) / pageSize); p * pageSize < last; p++) pages.push(p);
  return pages;
}

/** What a row of the list is: read (`row`), or still on its way (`loading`). */
export type Slot<T> = { state: 'row'; row: T } | { state: 'loading' };

/**
 * The pages of one query. `show(start, end)` asks for the pages that rows `start..end` need
 * (each page once); `reset()` starts a new query and keeps showing the old rows until its first
 * page has arrived, so the list never goes blank while a search runs. At most `keep` pages are
 * held; the ones farthest from the rows in view are let go first.
 */
export class PagedRows<T> {
  /** How many rows match; `null` before the first page of the first query arrived. */
  total: number | null = null;
  /** A new query is on its way (its first page has not arrived yet). */
  searching = false;
  /** The last error of the current query; cleared by its next page. */
  error: unknown = null;

  private pages = new Map<number, T[]>();
  private asked = new Set<number>();
  private latest = new Latest();
  private ticket = this.latest.next();
  private view: [number, number] = [0, 0];

  constructor(
    private fetchPage: FetchPage<T>,
    private onchange: () => void,
    readonly pageSize = 100,
    private keep = 40,
  ) {}

  /** Starts a new query (the fetch function reads the new filter). Old rows stay until it answers. */
  reset(): void {
    this.ticket = this.latest.next();
    this.asked = new Set();
    this.searching = true;
    this.onchange();
    this.load(0, this.ticket, true);
  }

  /** The rows `start..end` are in view (with their overscan): reads the pages they need. */
  show(start: number, end: number): void {
    this.view = [start, end];
    if (this.searching) return; // the new query's first page decides what is there
    for (const p of pagesFor(start, end, this.pageSize, this.total)) {
      if (!this.pages.has(p) && !this.asked.has(p)) this.load(p, this.ticket, false);
    }
  }

  /** Row `index`, or that it is still loading. */
  slot(index: number): Slot<T> {
    const page = this.pages.get(Math.floor(index / this.pageSize));
    const row = page?.[index % this.pageSize];
    return row === undefined ? { state: 'loading' } : { state: 'row', row };
  }

  /** How many pages are held (for tests). */
  get held(): number {
    return this.pages.size;
  }

  private async load(page: number, ticket: number, first: boolean): Promise<void> {
    this.asked.add(page);
    let reply: Page<T>;
    try {
      reply = await this.fetchPage(page * this.pageSize, this.pageSize);
    } catch (e) {
      if (!this.latest.isCurrent(ticket)) return;
      this.asked.delete(page);
      this.error = e;
      this.searching = false;
      this.onchange();
      return;
    }
    if (!this.latest.isCurrent(ticket)) return; // a newer query has started
    // The new query's rows replace the old ones all at once. When the total changed between
    // two pages of one query, the store changed: what is held may have shifted, so it is read
    // again.
    const shifted = !first && this.total !== null && this.total !== reply.total;
    if (first || shifted) {
      this.pages = new Map();
      this.asked = new Set([page]);
    }
    if (first) this.searching = false;
    this.error = null;
    this.total = reply.total;
    this.pages.set(page, reply.rows);
    this.evict();
    this.onchange();
    if (first || shifted) this.show(...this.view);
  }

  private evict(): void {
    if (this.pages.size <= this.keep) return;
    const centre = Math.floor((this.view[0] + this.view[1]) / 2 / this.pageSize);
    const far = [...this.pages.keys()].sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
    for (const p of far.slice(0, this.pages.size - this.keep)) {
      this.pages.delete(p);
      this.asked.delete(p);
    }
  }
}
