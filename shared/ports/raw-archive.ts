/** Keeps every accepted input exactly as received, before it is processed (S3). */
export interface RawArchive {
  put(key: string, body: string | Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<Uint8Array | undefined>;
  /** The stored size in bytes, without reading the body (undefined when the input is gone). */
  size(key: string): Promise<number | undefined>;
  /** Deletes an archived input (erasure); no error when it is gone already. */
  delete(key: string): Promise<void>;
  /** Every archived input under `prefix` (all pages), with its size and when it was stored. */
  list(prefix: string): Promise<ArchivedInput[]>;
}

/** One archived input as a listing shows it. */
export interface ArchivedInput {
  key: string;
  size: number;
  lastModified: Date;
}
