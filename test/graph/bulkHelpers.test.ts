import { describe, expect, it } from 'vitest';
import { IdFilter } from '../../src/graph/idFilter.js';
import { sortKeyOf } from '../../src/graph/writes.js';

describe('sortKeyOf (the one sortKey implementation, mutations and imports)', () => {
  it('orders journey stops by zero-padded sequence, then id', () => {
    expect(sortKeyOf('TRAVELLED_TO', { seq: 12, date: '2021-07-25' }, 'j1')).toBe('000012|j1');
    expect(sortKeyOf('TRAVELLED_TO', {}, 'j2')).toBe('000000|j2');
  });

  it('orders dated relationships by date, undated ones first, then id', () => {
    expect(sortKeyOf('TRANSFERRED', { at: '2024-01-02T03:04:05Z' }, 't1')).toBe('2024-01-02T03:04:05Z|t1');
    expect(sortKeyOf('RECRUITED', {}, 'r1')).toBe('|r1');
    expect(sortKeyOf('RECRUITED', { date: null }, 'r2')).toBe('|r2');
  });

  it('uses the id alone for undated types', () => {
    expect(sortKeyOf('NATIONAL_OF', { since: '2020-01-01' }, 'n1')).toBe('n1');
  });
});

describe('IdFilter', () => {
  it('never says no to an id it was given, and says no to most others', () => {
    const filter = new IdFilter(16, 4);
    const added = Array.from({ length: 1000 }, (_, i) => `gen:person:victim-${i}`);
    for (const id of added) filter.add(id);
    expect(added.every((id) => filter.mayHave(id))).toBe(true);
    const others = Array.from({ length: 1000 }, (_, i) => `gen:account:${i}`).filter((id) => filter.mayHave(id));
    expect(others.length).toBeLessThan(50);
  });
});
