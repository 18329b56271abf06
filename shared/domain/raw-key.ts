/** The archive key of one raw input: by channel and day, so a lifecycle rule or a person can find it. */
export function rawKey(channel: string, receivedAt: Date, id: string, extension: string): string {
  const day = receivedAt.toISOString().slice(0, 10);
  return `raw/${channel}/${day}/${encodeURIComponent(id)}.${extension}`;
}
