import { config } from 'zod/mini';
import { en } from 'zod/locales';

/**
 * The schema library of every module the functions load: zod's tree-shakeable build (`zod/mini`),
 * which puts in a bundle only the checks that bundle uses (about 40 KB instead of the 100 KB of
 * zod's chained build), with zod's English messages, the same ones the chained build gives. Import
 * it as `import * as z from '#shared/domain/schema.ts'`, never `zod` itself: one import of the
 * chained build puts its 100 KB back in the bundle (the bundle budget test would say so), and
 * without this module zod/mini answers every problem with a bare "Invalid input".
 */
config(en());

export * from 'zod/mini';
