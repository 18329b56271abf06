import { existsSync, readFileSync } from 'node:fs';

/** The documentation pages, front page first, as they are in the repository. */
export function docsText(): string {
  return ['README.md', 'docs/configuration.md', 'docs/deploy.md']
    .filter((file) => existsSync(file))
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
}

/** Every fenced code block of a language in the docs, e.g. the config file examples (`json`). */
export function codeBlocks(language: string): string[] {
  const pattern = new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g');
  return [...docsText().matchAll(pattern)].map((match) => match[1]!);
}
