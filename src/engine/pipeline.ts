// A bounded three-stage pipeline: read → evaluate → write. Reads run one
// after another (each page's cursor comes from the previous page) and stay
// up to `readAhead` batches ahead of evaluation; evaluation runs one batch
// at a time on the caller's thread; up to `writesInFlight` writes run at
// once. So at most readAhead + 1 + writesInFlight batches are held, whatever
// the size of the data. The first error of any stage stops the pipeline:
// nothing new starts, every read and write in flight settles, then the
// error is thrown — so no write lands after the caller has seen the failure.

interface PipelineStages<B, R> {
  /** The next batch, or null at the end; never called again before the previous call settled. */
  read: () => Promise<B | null>;
  /** Turns a batch into what is written; null: nothing to write for it. */
  evaluate: (batch: B) => Promise<R | null>;
  write: (result: R) => Promise<void>;
  /** Batches read but not yet evaluated (at least 1). */
  readAhead: number;
  /** Writes running at once (at least 1). */
  writesInFlight: number;
  /** Checked before each batch: true stops the pipeline (without an error) once what is in flight settled. */
  stopped?: () => boolean;
}

/** How deep a run's pipeline is: batches read ahead of evaluation and writes at once. */
export interface PipelineDepth {
  readAhead: number;
  writesInFlight: number;
}

export async function runPipeline<B, R>(stages: PipelineStages<B, R>): Promise<void> {
  const readAhead = Math.max(1, Math.floor(stages.readAhead));
  const writesInFlight = Math.max(1, Math.floor(stages.writesInFlight));
  let failure: { error: unknown } | null = null;
  const fail = (error: unknown) => {
    failure ??= { error };
  };
  const halted = () => failure !== null || stages.stopped?.() === true;

  // Reads form one chain: each starts when the one before it resolved, and
  // none starts after the end, a failure or a stop.
  const reads: Promise<B | null>[] = [];
  let tail: Promise<B | null> | null = null;
  const readMore = () => {
    const previous: Promise<B | null> | null = tail;
    const next: Promise<B | null> = previous
      ? previous.then((b) => (b === null || halted() ? null : stages.read()))
      : halted()
        ? Promise.resolve(null)
        : stages.read();
    next.catch(fail);
    tail = next;
    reads.push(next);
  };
  const writes = new Set<Promise<void>>();
  try {
    for (let i = 0; i < readAhead; i++) readMore();
    while (!halted()) {
      const batch = await reads.shift()!;
      if (batch === null) break;
      readMore();
      const result = await stages.evaluate(batch);
      if (result === null || halted()) continue;
      while (writes.size >= writesInFlight) await Promise.race(writes);
      if (halted()) break;
      const write: Promise<void> = stages.write(result).then(
        () => {
          writes.delete(write);
        },
        (error: unknown) => {
          writes.delete(write);
          fail(error);
        },
      );
      writes.add(write);
    }
  } catch (error) {
    fail(error);
  } finally {
    // Every read and write settles before the pipeline returns or throws.
    await Promise.allSettled([...reads, ...writes]);
    while (writes.size) await Promise.allSettled([...writes]);
  }
  if (failure) throw (failure as { error: unknown }).error;
}
