import { describe, expect, it } from 'vitest';
import { baseName, pathsOf, progressPercent } from './files';

describe('import files', () => {
  it('turns a file and its stage into a percentage', () => {
    expect(progressPercent({ index: 0, count: 2, path: 'a', stage: 'reading' })).toBe(5);
    expect(progressPercent({ index: 1, count: 2, path: 'b', stage: 'done' })).toBe(100);
    expect(progressPercent({ index: 0, count: 0, path: '', stage: 'done' })).toBe(0);
  });
  it('reads one path per line', () => {
    expect(pathsOf(' /a/b.kt \n\n/c d/e.kt\r\n')).toEqual(['/a/b.kt', '/c d/e.kt']);
    expect(baseName('/media/usb/abc.kt')).toBe('abc.kt');
    expect(baseName('C:\\x\\y.kt')).toBe('y.kt');
  });
});
