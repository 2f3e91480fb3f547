import { describe, expect, it } from 'vitest';
import type { PeerView } from '../../generated/sync';
import { lastExport, lastReceived, rememberExport, rememberFolder, rememberedFolder, type KeyValue } from './remember';

function memory(): KeyValue & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

const A = '0190a1b2-0000-7000-8000-000000000001';
const B = '0190a1b2-0000-7000-8000-000000000002';

describe('what the exchange screen remembers', () => {
  it('remembers the folder per installation', () => {
    const kv = memory();
    expect(rememberedFolder(A, kv)).toBeNull();
    rememberFolder(A, ' /media/usb ', kv);
    expect(rememberedFolder(A, kv)).toBe('/media/usb');
    expect(rememberedFolder(B, kv)).toBeNull();
    rememberFolder(A, '   ', kv);
    expect(rememberedFolder(A, kv)).toBe('/media/usb');
  });

  it('remembers the last export, and ignores what it cannot read', () => {
    const kv = memory();
    expect(lastExport(A, kv)).toBeNull();
    const at = new Date('2026-03-03T13:05:00Z');
    const last = rememberExport(A, { path: '/media/usb/a.kt', op_count: 12, recipients: [], file_number: 1n }, at, kv);
    expect(last).toEqual({ at: '2026-03-03T13:05:00.000Z', path: '/media/usb/a.kt', op_count: 12 });
    expect(lastExport(A, kv)).toEqual(last);
    expect(lastExport(B, kv)).toBeNull();
    kv.map.set(`keukentafel.lastExport.${B}`, '{"at": 3}');
    expect(lastExport(B, kv)).toBeNull();
    kv.map.set(`keukentafel.lastExport.${B}`, 'not json');
    expect(lastExport(B, kv)).toBeNull();
  });

  it('works without storage', () => {
    expect(rememberedFolder(A, undefined)).toBeNull();
    expect(() => rememberFolder(A, '/x', undefined)).not.toThrow();
    const broken: KeyValue = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    expect(rememberedFolder(A, broken)).toBeNull();
    expect(() => rememberFolder(A, '/x', broken)).not.toThrow();
  });

  it('finds when the coordinator’s last file was read in', () => {
    const peer = (replica: string, last_import: string | null): PeerView => ({
      replica,
      author: 'x',
      role: 'coordinator',
      can_receive: true,
      last_import,
    });
    const coordinator = { name: 'Carla', organisation: 'EAS', replica: A, fingerprint: '1234' };
    expect(lastReceived({ coordinator, peers: [peer(B, '2026-01-01T00:00:00Z'), peer(A, '2026-02-01T00:00:00Z')] })).toBe(
      '2026-02-01T00:00:00Z',
    );
    expect(lastReceived({ coordinator, peers: [peer(A, null)] })).toBeNull();
    expect(lastReceived({ coordinator, peers: [] })).toBeNull();
    expect(lastReceived({ coordinator: null, peers: [peer(A, '2026-02-01T00:00:00Z')] })).toBeNull();
  });
});
