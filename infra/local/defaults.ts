/**
 * Local defaults from the contract, used when neither the environment nor the config file sets
 * them (the owner's address defaults to owner@example.com in the schema itself).
 */
export const LOCAL_DEFAULTS = {
  EARSHOT_API_KEY: 'local-dev-key',
  EARSHOT_WEBHOOK_SECRET: 'local-dev-secret',
  /** Where customers' answers to the owner's replies arrive (plus-addressed per case). */
  EARSHOT_INBOUND_EMAIL: 'inbound@example.com',
} as const;
