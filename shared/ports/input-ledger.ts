/** What ingest made of one inbound message stored in the archive. */
export interface InboundNote {
  id: string;
  outcome: 'queued' | 'skipped' | 'rejected';
}

/** What the reconciler did so far for one archived input. */
export interface ReconcileAttempts {
  attempts: number;
  lastAttemptAt: string;
}

/**
 * The ledger of archived inputs, keyed by their archive key, so the reconciler can tell an input
 * that became a record (or was set aside) from one that never did: which inbound messages were
 * read and what became of them, and how often the reconciler already drove an input through.
 */
export interface InputLedger {
  /** Notes what ingest made of the inbound message stored under `key`. */
  noteInbound(key: string, note: InboundNote, at: Date): Promise<void>;
  /** The notes and reconcile attempts of several keys (keys never noted are left out). */
  entries(keys: string[]): Promise<Map<string, { inbound?: InboundNote; attempts?: ReconcileAttempts }>>;
  /** Counts one more reconcile attempt for `key`. */
  noteAttempt(key: string, at: Date): Promise<void>;
  /** Ids of the inputs set aside (skipped or rejected, with a reason) on the given local days. */
  setAsideIds(days: string[]): Promise<Set<string>>;
}
