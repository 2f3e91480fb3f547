import { describe, expect, it } from 'vitest';
import { Latest, pagesFor, PagedRows, type Page } from './pagedRows';

/** A fetch whose replies the test hands out by hand, in any order. */
function manualFetch(rowsOf: (query: string) => string[]) {
  const waiting: { query: string; offset: number; limit: number; answer: () => void; fail: () => void }[] = [];
  let query = '';
  const fetch = (offset: number, limit: number) =>
    new Promise<Page<string>>((resolve, reject) => {
      const q = query;
      waiting.push({
        query: q,
        offset,
        limit,
        answer: () => {
          const all = rowsOf(q); // as the store holds them when it answers
          resolve({ total: all.length, offset, rows: all.slice(offset, offset + limit) });
        },
        fail: () => reject(new Error('kapot')),
      });
    });
  return {
    fetch,
    waiting,
    setQuery: (q: string) => (query = q),
    /** Answers the request for `query` at `offset`; lets the promise chain run. */
    async answer(q: string, offset: number) {
      const i = waiting.findIndex((w) => w.query === q && w.offset === offset);
      if (i < 0) throw new Error(`no request for ${q} at ${offset}`);
      waiting.splice(i, 1)[0].answer();
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

const names = (n: number, prefix = 'h') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('which pages the rows in view need', () => {
  it('covers the rows from start to end, within the total', () => {
    expect(pagesFor(0, 30, 100, 10_000)).toEqual([0]);
    expect(pagesFor(95, 130, 100, 10_000)).toEqual([0, 1]);
    expect(pagesFor(100, 200, 100, 10_000)).toEqual([1]);
    expect(pagesFor(9_990, 10_020, 100, 10_000)).toEqual([99]);
    expect(pagesFor(-5, 3, 100, 10_000)).toEqual([0]);
  });
  it('asks for nothing when there is nothing', () => {
    expect(pagesFor(0, 30, 100, 0)).toEqual([]);
    expect(pagesFor(40, 40, 100, 100)).toEqual([]);
    expect(pagesFor(0, 30, 0, 100)).toEqual([]);
  });
  it('before the total is known, asks for what is in view', () => {
    expect(pagesFor(0, 30, 100, null)).toEqual([0]);
  });
});

describe('dropping stale replies', () => {
  it('only the newest ticket is current', () => {
    const latest = new Latest();
    const a = latest.next();
    expect(latest.isCurrent(a)).toBe(true);
    const b = latest.next();
    expect(latest.isCurrent(a)).toBe(false);
    expect(latest.isCurrent(b)).toBe(true);
  });
});

describe('a list read page by page', () => {
  it('reads the pages in view once each, and places the rows at their index', async () => {
    const f = manualFetch(() => names(250));
    let changes = 0;
    const list = new PagedRows(f.fetch, () => changes++, 100);
    list.reset();
    expect(list.searching).toBe(true);
    await f.answer('', 0);
    expect(list.total).toBe(250);
    expect(list.searching).toBe(false);
    expect(list.slot(5)).toEqual({ state: 'row', row: 'h5' });
    expect(list.slot(120)).toEqual({ state: 'loading' });

    list.show(90, 130);
    list.show(95, 135); // the same page again: asked only once
    expect(f.waiting.map((w) => w.offset)).toEqual([100]);
    await f.answer('', 100);
    expect(list.slot(120)).toEqual({ state: 'row', row: 'h120' });
    list.show(240, 260);
    await f.answer('', 200);
    expect(list.slot(249)).toEqual({ state: 'row', row: 'h249' });
    expect(f.waiting).toEqual([]);
    expect(changes).toBeGreaterThan(3);
  });

  it('keeps the old rows while a search runs, and drops the reply to an older search', async () => {
    const f = manualFetch((q) => names(q === '' ? 300 : q.length * 10, q || 'h'));
    const list = new PagedRows(f.fetch, () => {}, 100);
    list.reset();
    await f.answer('', 0);

    f.setQuery('ja');
    list.reset();
    f.setQuery('jan');
    list.reset();
    expect(list.searching).toBe(true);
    expect(list.slot(0)).toEqual({ state: 'row', row: 'h0' }); // not blank while searching
    expect(list.total).toBe(300);

    await f.answer('jan', 0); // the newer one answers first
    expect(list.total).toBe(30);
    expect(list.slot(0)).toEqual({ state: 'row', row: 'jan0' });
    await f.answer('ja', 0); // then the older, stale one: dropped
    expect(list.total).toBe(30);
    expect(list.slot(0)).toEqual({ state: 'row', row: 'jan0' });
    expect(list.searching).toBe(false);
  });

  it('drops a page of an older query that arrives after the new query', async () => {
    const f = manualFetch((q) => names(500, q || 'h'));
    const list = new PagedRows(f.fetch, () => {}, 100);
    list.reset();
    await f.answer('', 0);
    list.show(300, 330); // asks page 3 of ''
    f.setQuery('x');
    list.reset();
    await f.answer('x', 0);
    await f.answer('', 300); // late: must not land among x's rows
    expect(list.slot(310)).toEqual({ state: 'loading' });
  });

  it('after the new query answers, reads the pages in view for it', async () => {
    const f = manualFetch((q) => names(500, q || 'h'));
    const list = new PagedRows(f.fetch, () => {}, 100);
    list.reset();
    await f.answer('', 0);
    list.show(150, 180);
    await f.answer('', 100);
    f.setQuery('x');
    list.reset();
    list.show(150, 180); // while searching: nothing asked yet
    expect(f.waiting.map((w) => [w.query, w.offset])).toEqual([['x', 0]]);
    await f.answer('x', 0);
    expect(f.waiting.map((w) => [w.query, w.offset])).toEqual([['x', 100]]);
  });

  it('reads again when the total changed between two pages', async () => {
    let rows = names(250);
    const f = manualFetch(() => rows);
    const list = new PagedRows(f.fetch, () => {}, 100);
    list.reset();
    await f.answer('', 0);
    list.show(0, 150);
    rows = ['nieuw', ...rows];
    await f.answer('', 100);
    expect(list.total).toBe(251);
    expect(list.slot(0)).toEqual({ state: 'loading' }); // page 0 is read again
    await f.answer('', 0);
    expect(list.slot(0)).toEqual({ state: 'row', row: 'nieuw' });
    expect(list.slot(101)).toEqual({ state: 'row', row: 'h100' });
  });

  it('keeps a bounded number of pages, letting the farthest go', async () => {
    const f = manualFetch(() => names(1_000));
    const list = new PagedRows(f.fetch, () => {}, 10, 3);
    list.reset();
    await f.answer('', 0);
    for (const start of [10, 20, 30, 40]) {
      list.show(start, start + 10);
      await f.answer('', start);
    }
    expect(list.held).toBe(3);
    expect(list.slot(45)).toEqual({ state: 'row', row: 'h45' });
    expect(list.slot(5)).toEqual({ state: 'loading' });
    list.show(0, 10); // scrolled back: read again
    expect(f.waiting.map((w) => w.offset)).toEqual([0]);
  });

  it('an error is kept until the next page arrives, and the page can be asked again', async () => {
    const f = manualFetch(() => names(250));
    const list = new PagedRows(f.fetch, () => {}, 100);
    list.reset();
    await f.answer('', 0);
    list.show(100, 120);
    f.waiting.splice(0, 1)[0].fail();
    await new Promise((r) => setTimeout(r, 0));
    expect(list.error).toBeInstanceOf(Error);
    list.show(100, 120);
    await f.answer('', 100);
    expect(list.error).toBe(null);
    expect(list.slot(100)).toEqual({ state: 'row', row: 'h100' });
  });
});
