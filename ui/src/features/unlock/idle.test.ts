import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchIdle } from './idle';

describe('watchIdle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('calls onidle once after the time without use, and use postpones it', () => {
    const target = new EventTarget();
    const onidle = vi.fn();
    watchIdle(target, 1000, onidle);
    vi.advanceTimersByTime(900);
    target.dispatchEvent(new Event('keydown'));
    vi.advanceTimersByTime(900);
    expect(onidle).not.toHaveBeenCalled(); // a key was pressed 900 ms ago
    vi.advanceTimersByTime(100);
    expect(onidle).toHaveBeenCalledTimes(1);
    target.dispatchEvent(new Event('keydown'));
    vi.advanceTimersByTime(5000);
    expect(onidle).toHaveBeenCalledTimes(1); // it stopped watching after locking
  });

  it('stops when asked', () => {
    const target = new EventTarget();
    const onidle = vi.fn();
    const stop = watchIdle(target, 1000, onidle);
    stop();
    vi.advanceTimersByTime(5000);
    expect(onidle).not.toHaveBeenCalled();
  });
});
