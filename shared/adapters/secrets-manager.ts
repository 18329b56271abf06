import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { LinkKeys } from '#shared/domain/link-keys.ts';
import { linkKeysAt, readLinkSecret, readSharedKey, type LinkSecretValue, type SecretName } from '#shared/domain/secret-values.ts';
import { SecretsUnavailableError } from '#shared/errors.ts';
import type { SecretSource } from '#shared/ports/secrets.ts';

/** Reads one secret's current value (Secrets Manager's `GetSecretValue`). */
export interface SecretReader {
  read(secretId: string): Promise<string | undefined>;
}

/** The reader over the AWS SDK: one `GetSecretValue` per read. */
export function secretsManagerReader(client: SecretsManagerClient): SecretReader {
  return {
    async read(secretId) {
      const answer = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
      return answer.SecretString;
    },
  };
}

/**
 * A value loaded on first use and used for at most `maxAgeMs`, then loaded again; concurrent callers
 * share one load, and a failed load is not kept (the next call tries again).
 */
export class ExpiringValue<T> {
  private entry: { value: Promise<T>; loadedAt: number } | undefined;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly maxAgeMs: number,
    private readonly now: () => Date,
  ) {}

  get(): Promise<T> {
    const at = this.now().getTime();
    if (this.entry && at - this.entry.loadedAt < this.maxAgeMs) return this.entry.value;
    const entry = {
      loadedAt: at,
      value: this.load().catch((error: unknown) => {
        if (this.entry === entry) this.entry = undefined;
        throw error;
      }),
    };
    this.entry = entry;
    return entry.value;
  }
}

export interface SecretsManagerSecretsOptions {
  /** The secret of each name (its ARN, or name); a function is given only those it reads. */
  secretIds: Partial<Record<SecretName, string>>;
  /** The environment variable that names each secret, for the message when one is missing. */
  envNames: Record<SecretName, string>;
  reader: SecretReader;
  /** How long a value is used before it is read again: a rotated value takes effect within it. */
  maxAgeMs: number;
  /** How long a link may be in use: the previous link key is accepted this long after a rotation. */
  linkLifetimeMs: number;
  now: () => Date;
}

/**
 * The secrets as the functions read them in AWS: each read from Secrets Manager when first needed,
 * kept at most `maxAgeMs` (five minutes), so a rotated API key or webhook secret works, and the old
 * one stops, within that time without a redeploy. The link key keeps the previous key for
 * verification until the links signed with it have expired. A missing or malformed value is a
 * SecretsUnavailableError naming the secret (503), never a bare 500 from a parse error.
 */
export class SecretsManagerSecrets implements SecretSource {
  private readonly values = new Map<SecretName, ExpiringValue<string>>();
  private readonly linkSecret: ExpiringValue<LinkSecretValue>;

  constructor(private readonly options: SecretsManagerSecretsOptions) {
    this.linkSecret = new ExpiringValue(async () => readLinkSecret(await this.fetch('linkSecret')), options.maxAgeMs, options.now);
  }

  /** The API key callers send as `Authorization: Bearer <key>`. */
  apiKey(): Promise<string> {
    return this.shared('apiKey');
  }

  /** The HMAC key of the mentions webhook. */
  webhookSecret(): Promise<string> {
    return this.shared('webhookSecret');
  }

  /** The link keys in effect now: sign with `current`, verify with `current` or `previous`. */
  async linkKeys(): Promise<LinkKeys> {
    return linkKeysAt(await this.linkSecret.get(), this.options.now(), this.options.linkLifetimeMs);
  }

  private shared(name: 'apiKey' | 'webhookSecret'): Promise<string> {
    let value = this.values.get(name);
    if (!value) {
      value = new ExpiringValue(async () => readSharedKey(name, await this.fetch(name)), this.options.maxAgeMs, this.options.now);
      this.values.set(name, value);
    }
    return value.get();
  }

  private async fetch(name: SecretName): Promise<string | undefined> {
    const id = this.options.secretIds[name];
    if (!id) throw new SecretsUnavailableError(`secret ${name}: not configured for this function (${this.options.envNames[name]})`);
    try {
      return await this.options.reader.read(id);
    } catch (error) {
      throw new SecretsUnavailableError(`secret ${name}: could not be read (${(error as Error).name})`, { cause: error });
    }
  }
}
