import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { IndexDeclaration } from '#shared/adapters/dynamo/entity.ts';
import { ENTITIES, TABLE } from '#shared/adapters/dynamo/table.ts';

/**
 * docs/data-model.md's tables, generated from the entity declarations (shared/adapters/dynamo/table.ts).
 * `npm run docs` rewrites the generated part of the page; test/unit/data-model.test.ts fails when
 * the page and the declarations differ.
 */
export const DATA_MODEL_PAGE = 'docs/data-model.md';
const BEGIN = '<!-- data model: generated from shared/adapters/dynamo/table.ts by `npm run docs`; do not edit by hand -->';
const END = '<!-- end of generated data model -->';

interface ZodLike {
  _zod: { def: Record<string, unknown> & { type: string } };
  shape?: Record<string, ZodLike>;
}

/** A zod schema's type in words, and whether the attribute may be absent. */
function describe(schema: ZodLike): { type: string; optional: boolean } {
  const def = schema._zod.def;
  switch (def.type) {
    case 'optional':
      return { type: describe(def.innerType as ZodLike).type, optional: true };
    case 'default':
      return { type: describe(def.innerType as ZodLike).type, optional: true };
    case 'pipe':
      return describe(def.in as ZodLike);
    case 'union': {
      const options = (def.options as ZodLike[]).map((o) => describe(o).type);
      if (options.length === 2 && options[0] === 'string set' && options[1] === 'list of string') return { type: 'string set', optional: false };
      return { type: options.join(' or '), optional: false };
    }
    case 'set':
      return { type: `${describe(def.valueType as ZodLike).type} set`, optional: false };
    case 'array':
      return { type: `list of ${describe(def.element as ZodLike).type}`, optional: false };
    case 'record':
      return { type: `map of ${describe(def.keyType as ZodLike).type} to ${describe(def.valueType as ZodLike).type}`, optional: false };
    case 'object': {
      const fields = Object.entries((def.shape as Record<string, ZodLike>) ?? {}).map(([name, field]) => `${name}${describe(field).optional ? '?' : ''}`);
      return { type: `map (${fields.join(', ')})`, optional: false };
    }
    case 'enum':
      return { type: Object.values(def.entries as Record<string, string>).map((v) => `\`${v}\``).join(' \\| '), optional: false };
    case 'literal':
      return { type: (def.values as unknown[]).map((v) => JSON.stringify(v)).join(' \\| '), optional: false };
    case 'custom':
      return { type: 'binary', optional: false };
    default:
      return { type: def.type, optional: false };
  }
}

function code(text: string): string {
  return `\`${text}\``;
}

/** The generated part of docs/data-model.md. */
export function renderDataModel(): string {
  const indexes = TABLE.indexes.map((i) => `${code(i.name)} (${code(i.partitionKey)} / ${code(i.sortKey)})`).join(' and ');
  const lines = [
    BEGIN,
    '',
    `Keys ${code(TABLE.partitionKey)} / ${code(TABLE.sortKey)}, two sparse global secondary indexes, ${indexes}, and TTL on ${code(TABLE.ttlAttribute)} (epoch seconds, never an application field). ` +
      'No request or processing path scans; conditional writes take the place of transactions.',
    '',
    '| Entity | pk | sk | Index entries | TTL | Access pattern |',
    '|---|---|---|---|---|---|',
  ];
  for (const entity of ENTITIES) {
    const d = entity.declaration;
    const entries = (Object.values(d.indexes ?? {}) as IndexDeclaration[])
      .map((i) => `${i.index} ${code(i.pk)} / ${code(i.sk)} ${i.while}`)
      .join('; ');
    lines.push(`| ${d.name} | ${code(d.pk)} | ${code(d.sk)} | ${entries} | ${d.ttl?.doc ?? 'none'} | ${d.access} |`);
  }
  lines.push('', '### Attributes', '', 'Every item also carries its keys; `?` marks an attribute that may be absent.', '');
  for (const entity of ENTITIES) {
    const d = entity.declaration;
    const schema = d.attributes as unknown as ZodLike;
    const named = schema.shape
      ? Object.entries(schema.shape).map(([name, field]) => {
          const { type, optional } = describe(field);
          return `${code(name)}${optional ? '?' : ''} ${type}`;
        })
      : [describe(schema).type];
    const attributes = named.length ? named.join(', ') : 'none besides its keys and TTL';
    const tag = d.tag ? ` Written with ${code(`${TABLE.entityAttribute}: ${d.tag}`)}.` : '';
    const upgrade = d.upgrade ? ` Items written before: ${d.upgrade.doc}.` : '';
    lines.push(`- **${d.name}**: ${attributes}.${tag}${upgrade}`);
  }
  lines.push('', END);
  return lines.join('\n');
}

/** The page with its generated part replaced by what the declarations say now. */
export function withGeneratedDataModel(page: string): string {
  const begin = page.indexOf(BEGIN);
  const end = page.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`${DATA_MODEL_PAGE}: the generated part's markers are missing`);
  return page.slice(0, begin) + renderDataModel() + page.slice(end + END.length);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const page = readFileSync(DATA_MODEL_PAGE, 'utf8');
  const next = withGeneratedDataModel(page);
  if (next !== page) writeFileSync(DATA_MODEL_PAGE, next);
  console.log(next === page ? `${DATA_MODEL_PAGE} is up to date` : `${DATA_MODEL_PAGE} rewritten from the declarations`);
}
