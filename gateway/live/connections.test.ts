import { ConcurrencyLimit, Slots } from './connections.js';

describe('ConcurrencyLimit', () => {
  it('runs at most its limit of tasks at once and every task in the end, in arrival order', async () => {
    const limit = new ConcurrencyLimit(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const gates: Array<() => void> = [];
    const results = Array.from({ length: 6 }, (_, i) => limit.run(async () => {
      started.push(i);
      running += 1;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => gates.push(resolve));
      running -= 1;
      return i;
    }));
    // Open the gates one at a time as tasks arrive at them, until all six have run.
    for (let opened = 0; opened < 6; opened++) {
      for (let turns = 0; gates.length <= opened && turns < 1000; turns++) await new Promise((resolve) => setImmediate(resolve));
      expect(running).toBeLessThanOrEqual(2);
      gates[opened]!();
    }
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(most).toBe(2);
  });

  it('frees its place when a task fails', async () => {
    const limit = new ConcurrencyLimit(1);
    await expect(limit.run(async () => { throw new Error('payload query failed'); })).rejects.toThrow('payload query failed');
    expect(await limit.run(async () => 'next')).toBe('next');
  });
});

describe('Slots', () => {
  it('gives out at most max places per key, each given back once however often it is released', () => {
    const slots = new Slots(2);
    const first = slots.take('ava')!;
    expect(slots.take('ava')).not.toBeNull();
    expect(slots.take('ava')).toBeNull();
    expect(slots.take('ben')).not.toBeNull();
    first();
    first();
    expect(slots.take('ava')).not.toBeNull();
    expect(slots.take('ava')).toBeNull();
  });
});
