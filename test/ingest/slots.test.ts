// Ingestion slots: at most N batches write at once; the others wait in
// arrival order, and a failed write frees its slot.
import { describe, expect, it } from 'vitest';
import { defaultIngestionSlots, IngestionSlots } from '../../src/ingest/slots.js';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('IngestionSlots', () => {
  it('runs at most `size` writes at once, in arrival order, and frees the slot of a failed write', async () => {
    const slots = new IngestionSlots(2);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const gates = new Map<number, () => void>();
    const write = (i: number) =>
      slots.run(async () => {
        running++;
        peak = Math.max(peak, running);
        started.push(i);
        await new Promise<void>((resolve) => gates.set(i, resolve));
        running--;
        if (i === 1) throw new Error('write 1 failed');
        return i;
      });
    const all = [0, 1, 2, 3, 4].map((i) => write(i).catch((e: Error) => e.message));
    await tick();
    expect(started).toEqual([0, 1]);
    expect(slots.queued).toBe(3);
    gates.get(1)!();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    gates.get(0)!();
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    for (const i of [2, 3]) gates.get(i)!();
    await tick();
    gates.get(4)!();
    expect(await Promise.all(all)).toEqual([0, 'write 1 failed', 2, 3, 4]);
    expect(peak).toBe(2);
    expect(slots.queued).toBe(0);
    // All slots are free again.
    expect(await Promise.all([slots.run(async () => 'a'), slots.run(async () => 'b')])).toEqual(['a', 'b']);
  });

  it('refuses a size that is not a positive integer, and defaults to the cores (at least 2)', () => {
    expect(() => new IngestionSlots(0)).toThrow(/positive integer/);
    expect(() => new IngestionSlots(1.5)).toThrow(/positive integer/);
    expect(defaultIngestionSlots()).toBeGreaterThanOrEqual(2);
  });
});
