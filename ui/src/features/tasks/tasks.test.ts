import { describe, expect, it } from 'vitest';
import type { Task, TaskRow } from '../../generated/bindings';
import { texts } from './texts';
import { endOfWeek, groupByDue, inputOf, openThenClosed, ownerKey, ownersOf, taskEntries, taskEntryEstimate, taskEntryKey } from './tasks';

function task(over: Partial<Task> = {}): Task {
  return {
    id: 't1',
    archived: false,
    clocks: { status: '1' },
    household_id: 'h1',
    visit_id: null,
    step_id: '',
    kind: 'referral',
    what: 'Aanmelden',
    party: 'Schuldhulp',
    consent_scope: null,
    owner_kind: 'volunteer',
    owner_name: 'Anna',
    due: '2026-12-02',
    status: 'open',
    outcome: '',
    closed_on: null,
    ...over,
  };
}
function row(over: Partial<Task> = {}, overdue = false): TaskRow {
  return { task: task(over), household_name: 'Fam. de Groot', overdue, missing_consent: null };
}

describe('endOfWeek', () => {
  it.each([
    ['2026-11-30', '2026-12-06'], // Monday
    ['2026-12-03', '2026-12-06'], // Thursday
    ['2026-12-06', '2026-12-06'], // Sunday is the last day of its own week
    ['2026-12-28', '2027-01-03'], // over the year's end
  ])('%s → %s', (today, sunday) => expect(endOfWeek(today)).toBe(sunday));
});

describe('groupByDue', () => {
  it('puts what the backend calls overdue first, then this week, then later, leaving out empty groups', () => {
    const rows = [
      row({ id: 'a', due: '2026-11-20' }, true),
      row({ id: 'b', due: '2026-12-03' }),
      row({ id: 'c', due: '2026-12-06' }),
      row({ id: 'd', due: '2026-12-07' }),
    ];
    const groups = groupByDue(rows, '2026-12-01');
    expect(groups.map((g) => [g.id, g.rows.map((r) => r.task.id)])).toEqual([
      ['overdue', ['a']],
      ['week', ['b', 'c']],
      ['later', ['d']],
    ]);
    expect(groupByDue([rows[3]], '2026-12-01').map((g) => g.id)).toEqual(['later']);
  });

  it('trusts the overdue flag, not the date', () => {
    // A task due yesterday that is not marked overdue (say, done) falls in this week.
    expect(groupByDue([row({ due: '2026-11-30' })], '2026-12-01')[0].id).toBe('week');
  });
});

describe('owners', () => {
  it('keys the owner by kind and name, ignoring case and spaces', () => {
    expect(ownerKey(task({ owner_name: ' Anna ' }))).toBe(ownerKey(task({ owner_name: 'anna' })));
    expect(ownerKey(task({ owner_kind: 'household', owner_name: '' }))).toBe('household:');
  });

  it('lists each owner once, named people first', () => {
    const rows = [
      row({ owner_kind: 'household', owner_name: '' }),
      row({ owner_name: 'Piet' }),
      row({ owner_name: 'Anna' }),
      row({ owner_name: 'anna' }),
      row({ owner_kind: 'administrator', owner_name: '' }),
    ];
    expect(ownersOf(rows).map((o) => o.key)).toEqual(['volunteer:anna', 'volunteer:piet', 'administrator:', 'household:']);
  });
});

describe('openThenClosed', () => {
  it('splits on the day the backend closed a task', () => {
    const { open, closed } = openThenClosed([
      row({ id: 'a', status: 'done', closed_on: '2026-11-01' }),
      row({ id: 'b' }),
      row({ id: 'c', status: 'in_progress' }),
    ]);
    expect(open.map((r) => r.task.id)).toEqual(['b', 'c']);
    expect(closed.map((r) => r.task.id)).toEqual(['a']);
  });
});

describe('inputOf', () => {
  it('keeps every field of the input and drops the record fields', () => {
    const input = inputOf(task({ outcome: 'Gebeld' }));
    expect(input).not.toHaveProperty('id');
    expect(input).not.toHaveProperty('clocks');
    expect(input).not.toHaveProperty('archived');
    expect(input.outcome).toBe('Gebeld');
    expect(Object.keys(input)).toHaveLength(13);
  });
});

describe('owner labels', () => {
  it.each([
    ['volunteer', 'Anna', 'Anna', 'Anna'],
    ['volunteer', '', 'Een vrijwilliger', 'A volunteer'],
    ['administrator', '', 'De bewindvoerder', 'The administrator'],
    ['administrator', 'Mr. Jansen', 'De bewindvoerder (Mr. Jansen)', 'The administrator (Mr. Jansen)'],
    ['household', 'ignored', 'Het huishouden', 'The household'],
    ['coordinator', '', 'De coördinator', 'The coordinator'],
  ] as const)('%s %s', (kind, name, nl, en) => {
    expect(texts.taskOwner.nl(kind, name)).toBe(nl);
    expect(texts.taskOwner.en(kind, name)).toBe(en);
  });
});

describe('taskEntries', () => {
  it('puts each group heading before its tasks, and marks the first and last of a group', () => {
    const groups = groupByDue(
      [row({ id: 'a', due: '2026-11-20' }, true), row({ id: 'b', due: '2026-12-02' }), row({ id: 'c', due: '2026-12-03' })],
      '2026-12-01',
    );
    const entries = taskEntries(groups);
    expect(entries.map(taskEntryKey)).toEqual(['group:overdue', 'task:a', 'group:week', 'task:b', 'task:c']);
    expect(entries.map((e) => (e.kind === 'task' ? `${e.first ? 'F' : ''}${e.last ? 'L' : ''}` : e.count))).toEqual([1, 'FL', 2, 'F', 'L']);
    expect(entries[0]).toMatchObject({ first: true });
    expect(entries[2]).toMatchObject({ first: false });
    expect(taskEntryEstimate(entries[2])).toBeGreaterThan(taskEntryEstimate(entries[0]));
    expect(taskEntries([])).toEqual([]);
  });
});
