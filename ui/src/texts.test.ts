// All texts files together: each group of texts is defined once (a feature's `t` adds the shared
// groups to its own, so a feature must not redefine one), and every text has both languages.
import { describe, expect, it } from 'vitest';
import { texts as shared } from './shared/texts';
import { texts as conflicts } from './features/conflicts/texts';
import { texts as consent } from './features/consent/texts';
import { texts as erasure } from './features/erasure/texts';
import { texts as exchange } from './features/exchange/texts';
import { texts as households } from './features/households/texts';
import { texts as overview } from './features/overview/texts';
import { texts as pairing } from './features/pairing/texts';
import { texts as profile } from './features/profile/texts';
import { texts as tasks } from './features/tasks/texts';
import { texts as visits } from './features/visits/texts';
import { texts as volunteers } from './features/volunteers/texts';

const FILES: Record<string, object> = { shared, conflicts, consent, erasure, exchange, households, overview, pairing, profile, tasks, visits, volunteers };

function leaves(tree: object, path: string, out: [string, unknown, unknown][]): [string, unknown, unknown][] {
  for (const [key, value] of Object.entries(tree)) {
    if ('nl' in value && 'en' in value) out.push([`${path}.${key}`, value.nl, value.en]);
    else leaves(value, `${path}.${key}`, out);
  }
  return out;
}

describe('texts', () => {
  it('defines each group in one file only', () => {
    const owner: Record<string, string> = {};
    const twice: string[] = [];
    for (const [file, tree] of Object.entries(FILES)) {
      for (const group of Object.keys(tree)) {
        if (owner[group]) twice.push(`${group}: ${owner[group]} and ${file}`);
        owner[group] = file;
      }
    }
    expect(twice).toEqual([]);
  });

  it('has every text in Dutch and English, of the same kind', () => {
    const bad = Object.entries(FILES)
      .flatMap(([file, tree]) => leaves(tree, file, []))
      .filter(([, nl, en]) => {
        if (typeof nl === 'function' && typeof en === 'function') return nl.length !== en.length;
        return typeof nl !== 'string' || typeof en !== 'string';
      })
      .map(([path]) => path);
    expect(bad).toEqual([]);
  });
});
