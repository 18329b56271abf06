import type * as z from '#shared/domain/schema.ts';

/**
 * A small declarative module for the single table: an entity is declared once with its key
 * templates, index entries, TTL and attribute types (a zod schema); repositories build keys and
 * items from it and read items back through it, typed and checked, never cast.
 *
 * Key templates are strings with `{field}` placeholders (`ORDER#{orderId}`), so the same
 * declaration builds keys, tells which entity a queried item is, and writes docs/data-model.md.
 */

/** The table's physical layout: generic key attributes, two sparse indexes, the TTL attribute. */
export const TABLE = {
  /** Logical id in CDK; the table name comes from config (`aws.tableName`). */
  id: 'Table',
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; DynamoDB deletes the item some time after. Never an application field. */
  ttlAttribute: 'expiresAt',
  /** The entity's name, written on the kinds of item that always carried it (for people reading the table). */
  entityAttribute: 'entity',
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
} as const;

export type IndexName = (typeof TABLE.indexes)[number]['name'];

/** Attributes the table itself uses: no entity may declare an attribute with one of these names. */
export const STRUCTURAL_ATTRIBUTES: ReadonlySet<string> = new Set([
  TABLE.partitionKey,
  TABLE.sortKey,
  TABLE.ttlAttribute,
  TABLE.entityAttribute,
  ...TABLE.indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
]);

/** The placeholder names of a key template: `Placeholders<'A#{x}#{y}'>` is `'x' | 'y'`. */
export type Placeholders<T extends string> = T extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/** The values a key template needs. */
export type TemplateValues<T extends string> = { [K in Placeholders<T>]: string };

/** Fills a key template; a missing value is a programming error. */
export function fillTemplate<T extends string>(template: T, values: TemplateValues<T>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = (values as Record<string, string | undefined>)[name];
    if (value === undefined) throw new Error(`key template ${template}: no value for ${name}`);
    return value;
  });
}

/** The constant text of a template before its first placeholder (`TOPIC#{topic}` -> `TOPIC#`). */
export function templatePrefix(template: string): string {
  const at = template.indexOf('{');
  return at < 0 ? template : template.slice(0, at);
}

/** One index an entity's items can be in, and while they are. */
export interface IndexDeclaration {
  index: IndexName;
  pk: string;
  sk: string;
  /** When an item is in the index (docs), e.g. "until the invitation is sent". */
  while: string;
}

/** What a TTL is computed from: the values of an item (attributes and key values) and the retention. */
export interface TtlContext {
  retentionDays: number;
}

export interface EntityDeclaration<
  S extends z.ZodMiniType<Record<string, unknown>>,
  PK extends string,
  SK extends string,
  I extends Record<string, IndexDeclaration>,
> {
  /** The name people use for it (docs). */
  name: string;
  /** Written as the `entity` attribute (only where today's items carry it). */
  tag?: string;
  pk: PK;
  sk: SK;
  indexes?: I;
  /** How its TTL is computed (docs), and the computation: an instant, or undefined to keep the item. */
  ttl?: { doc: string; at: (values: Record<string, unknown>, context: TtlContext) => Date };
  /** The attributes it stores, with their types; decoding checks them. */
  attributes: S;
  /** Items written by an earlier version that decoding upgrades (docs: what and why). */
  upgrade?: { doc: string; apply: (raw: Record<string, unknown>) => Record<string, unknown> };
  /** How it is read and written (docs). */
  access: string;
}

/** An item of the table as the document client reads and writes it. */
export type Item = Record<string, unknown>;

/** A declared entity: builds keys, index entries and items, and decodes items. */
export class Entity<
  S extends z.ZodMiniType<Record<string, unknown>>,
  PK extends string,
  SK extends string,
  I extends Record<string, IndexDeclaration>,
> {
  constructor(readonly declaration: EntityDeclaration<S, PK, SK, I>) {
    const shape = (declaration.attributes as unknown as { shape?: Record<string, unknown> }).shape ?? {};
    for (const name of Object.keys(shape)) {
      if (STRUCTURAL_ATTRIBUTES.has(name)) throw new Error(`entity ${declaration.name}: attribute ${name} is used by the table itself`);
    }
  }

  get name(): string {
    return this.declaration.name;
  }

  /** The item's key. */
  key(values: TemplateValues<PK> & TemplateValues<SK>): { pk: string; sk: string } {
    return { pk: fillTemplate(this.declaration.pk, values), sk: fillTemplate(this.declaration.sk, values) };
  }

  /** The partition key alone (to query the entity's partition). */
  partition(values: TemplateValues<PK>): string {
    return fillTemplate(this.declaration.pk, values);
  }

  /** The attributes that put an item in one of its indexes. */
  indexEntry<N extends keyof I & string>(name: N, values: TemplateValues<I[N]['pk']> & TemplateValues<I[N]['sk']>): Record<string, string> {
    const declared = this.index(name);
    const physical = TABLE.indexes.find((i) => i.name === declared.index)!;
    return { [physical.partitionKey]: fillTemplate(declared.pk, values as never), [physical.sortKey]: fillTemplate(declared.sk, values as never) };
  }

  /** The partition key of one of its indexes (to query it). */
  indexPartition<N extends keyof I & string>(name: N, values: TemplateValues<I[N]['pk']>): string {
    return fillTemplate(this.index(name).pk, values as never);
  }

  /** The physical index (`gsi1`, `gsi2`) and its key attributes, for queries and removals. */
  physicalIndex<N extends keyof I & string>(name: N): (typeof TABLE.indexes)[number] {
    return TABLE.indexes.find((i) => i.name === this.index(name).index)!;
  }

  /** The TTL attribute's value (epoch seconds) for these values, or undefined when it never expires. */
  ttl(values: Record<string, unknown>, context: TtlContext): number | undefined {
    const at = this.declaration.ttl?.at(values, context);
    return at ? Math.floor(at.getTime() / 1000) : undefined;
  }

  /**
   * A whole item: key, tag, the attributes (checked against the declaration) and the TTL. Index
   * entries are passed by the repository, which knows whether the item is in an index now.
   */
  item(
    keyValues: TemplateValues<PK> & TemplateValues<SK>,
    attributes: z.input<S>,
    options: {
      context?: TtlContext;
      indexes?: Record<string, string>;
      /** Values the TTL is computed from that the item does not store (a case's event expires with its case). */
      ttlValues?: Record<string, unknown>;
    } = {},
  ): Item {
    const checked = this.declaration.attributes.safeParse(attributes);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new Error(`${this.declaration.name}: ${issue?.path.join('.') || '(item)'}: ${issue?.message ?? 'invalid'}`);
    }
    // What is written is what was given (a string set stays a Set), limited to the declared attributes.
    const shape = (this.declaration.attributes as unknown as { shape?: Record<string, unknown> }).shape;
    const given = Object.entries(attributes as Record<string, unknown>).filter(([name, value]) => value !== undefined && (!shape || name in shape));
    const written = Object.fromEntries(given);
    const ttl = options.context ? this.ttl({ ...options.ttlValues, ...keyValues, ...written }, options.context) : undefined;
    return {
      ...this.key(keyValues),
      ...(this.declaration.tag ? { [TABLE.entityAttribute]: this.declaration.tag } : {}),
      ...options.indexes,
      ...written,
      ...(ttl !== undefined ? { [TABLE.ttlAttribute]: ttl } : {}),
    };
  }

  /** Whether a queried item is one of this entity's (by the constant parts of its key). */
  matches(item: Item): boolean {
    const pk = String(item[TABLE.partitionKey] ?? '');
    const sk = String(item[TABLE.sortKey] ?? '');
    return matchesTemplate(this.declaration.pk, pk) && matchesTemplate(this.declaration.sk, sk);
  }

  /**
   * Reads an item back: the table's own attributes are dropped and the rest is checked against the
   * declared types. A stored item that does not match is an error naming the entity and the field.
   */
  decode(item: Item): z.output<S> {
    const raw = this.declaration.upgrade ? this.declaration.upgrade.apply(item) : item;
    const attributes: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(raw)) if (!STRUCTURAL_ATTRIBUTES.has(name)) attributes[name] = value;
    const result = this.declaration.attributes.safeParse(attributes);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new Error(`stored ${this.declaration.name} ${String(item[TABLE.partitionKey])}: ${issue?.path.join('.') || '(item)'}: ${issue?.message ?? 'invalid'}`);
    }
    return result.data;
  }

  private index(name: string): IndexDeclaration {
    const declared = this.declaration.indexes?.[name];
    if (!declared) throw new Error(`entity ${this.declaration.name} has no index entry ${name}`);
    return declared;
  }
}

function matchesTemplate(template: string, value: string): boolean {
  const pattern = template
    .split(/\{\w+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`, 's').test(value);
}

/** Declares an entity. */
export function entity<S extends z.ZodMiniType<Record<string, unknown>>, PK extends string, SK extends string, I extends Record<string, IndexDeclaration> = Record<never, IndexDeclaration>>(
  declaration: EntityDeclaration<S, PK, SK, I>,
): Entity<S, PK, SK, I> {
  return new Entity(declaration);
}

/** An instant `days` after another. */
export function daysAfter(at: string | Date, days: number): Date {
  return new Date(new Date(at).getTime() + days * 86_400_000);
}
