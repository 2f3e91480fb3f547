// What the exchange screen remembers on this computer (in the webview's local storage, per
// installation, since two stores can share one computer): the folder files were last written
// to, and the last export. And what it reads from the sync state: when a file of the
// coordinator was last read in.
import type { ReplicaId } from '../../generated/bindings';
import type { ExportOutcome } from '../../generated/sync';
import type { SyncOverview } from '../../generated/sync';

/** The part of `Storage` used here (tests pass a map). */
export type KeyValue = Pick<Storage, 'getItem' | 'setItem'>;

/** The last export this installation made: when (RFC 3339), where, how many changes. */
export type LastExport = { at: string; path: string; op_count: number };

function storage(): KeyValue | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

const folderKey = (replica: ReplicaId) => `keukentafel.exportFolder.${replica}`;
const exportKey = (replica: ReplicaId) => `keukentafel.lastExport.${replica}`;

function read(key: string, kv: KeyValue | undefined): string | null {
  try {
    return kv?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(key: string, value: string, kv: KeyValue | undefined): void {
  try {
    kv?.setItem(key, value);
  } catch {
    // Storage full or unavailable: the folder is just not remembered.
  }
}

/** The folder this installation last wrote a file to, if any. */
export function rememberedFolder(replica: ReplicaId, kv: KeyValue | undefined = storage()): string | null {
  const dir = read(folderKey(replica), kv)?.trim();
  return dir ? dir : null;
}

export function rememberFolder(replica: ReplicaId, dir: string, kv: KeyValue | undefined = storage()): void {
  if (dir.trim()) write(folderKey(replica), dir.trim(), kv);
}

/** The last export remembered on this computer; `null` when none (or unreadable). */
export function lastExport(replica: ReplicaId, kv: KeyValue | undefined = storage()): LastExport | null {
  const raw = read(exportKey(replica), kv);
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<LastExport>;
    if (typeof v.at === 'string' && typeof v.path === 'string' && typeof v.op_count === 'number') {
      return { at: v.at, path: v.path, op_count: v.op_count };
    }
  } catch {
    // Not ours, or damaged: as if there was none.
  }
  return null;
}

export function rememberExport(
  replica: ReplicaId,
  outcome: ExportOutcome,
  at: Date,
  kv: KeyValue | undefined = storage(),
): LastExport {
  const last: LastExport = { at: at.toISOString(), path: outcome.path, op_count: outcome.op_count };
  write(exportKey(replica), JSON.stringify(last), kv);
  return last;
}

/** When a file of the linked coordinator was last read in (RFC 3339), if ever. */
export function lastReceived(overview: Pick<SyncOverview, 'coordinator' | 'peers'>): string | null {
  const replica = overview.coordinator?.replica;
  const peer = replica ? overview.peers.find((p) => p.replica === replica) : undefined;
  return peer?.last_import ?? null;
}
