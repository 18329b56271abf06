/** Addresses Earshot no longer sends to (a permanent bounce or a complaint), and the events seen. */
export interface SuppressionList {
  /** Adds an address; false when it was suppressed already. */
  suppress(address: string, reason: string, at: Date): Promise<boolean>;
  /** The given addresses that are suppressed. */
  suppressed(addresses: string[]): Promise<Set<string>>;
  /** Notes an SES event as handled; false when it was handled before (SQS delivers at least once). */
  firstTime(eventId: string, at: Date): Promise<boolean>;
}
