/**
 * Announces the tags of the mutations answered in one turn of the event loop together: one NOTIFY
 * for all of them instead of one each (under load, one statement per chat turn was a good part of
 * the database's work). Every caller still waits until its tags are announced before its answer
 * is sent, so a replica never serves a copy the caller just changed.
 */
export function coalescingAnnouncer(announce: (tags: readonly string[]) => Promise<void>): (tags: readonly string[]) => Promise<void> {
  let gathering: { tags: Set<string>; announced: Promise<void> } | undefined;
  return (tags) => {
    if (!gathering) {
      const batch: { tags: Set<string>; announced: Promise<void> } = { tags: new Set(), announced: Promise.resolve() };
      batch.announced = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        gathering = undefined;
        return announce([...batch.tags]);
      });
      gathering = batch;
    }
    for (const tag of tags) gathering.tags.add(tag);
    return gathering.announced;
  };
}
