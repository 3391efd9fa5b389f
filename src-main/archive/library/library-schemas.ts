/**
 * The schemas of the user's records, written once: the API's requests (src-main/api/contract.ts) and
 * an imported library (library-export.ts) check bookmarks and annotations by the same rules, so a
 * record that the app could never have made (a 2 MB date, a highlight that ends before it starts) is
 * refused at either door.
 */
import { z } from 'zod';
import { highlightColor } from '../../api/enums.js';

export const articleId = z.string().regex(/^[0-9a-z]{8,64}$/, 'an article id');
export const tag = z.string().trim().min(1).max(64);
export const tags = z.array(tag).max(50);
export const color = highlightColor;

/** Where a highlight sits: it ends after it starts (an empty or reversed selection is no highlight). */
export const position = z
  .strictObject({
    startBlock: z.int().min(0),
    startOffset: z.int().min(0),
    endBlock: z.int().min(0),
    endOffset: z.int().min(0),
  })
  .refine((p) => p.endBlock > p.startBlock || (p.endBlock === p.startBlock && p.endOffset > p.startOffset), {
    message: 'the selection ends before it starts',
  });

/** A moment as the app stores it: ISO 8601 with a zone (`new Date().toISOString()`), a real date. */
export const timestamp = z.iso.datetime({
  offset: true,
  message: 'a date and time as ISO 8601, like 2024-05-01T08:00:00.000Z',
});

export const bookmarkNote = z.string().max(10_000);
export const annotationNote = z.string().max(100_000);
export const annotationId = z.string().min(1).max(100);

export const bookmarkSchema = z.object({
  articleId,
  createdAt: timestamp,
  tags: tags.default([]),
  note: bookmarkNote.optional(),
});

export const annotationSchema = z.object({
  id: annotationId,
  articleId,
  color,
  note: annotationNote.optional(),
  tags: tags.default([]),
  target: z.object({
    position,
    quote: z.object({
      exact: z.string().min(1).max(100_000),
      prefix: z.string().max(1000),
      suffix: z.string().max(1000),
    }),
  }),
  createdAt: timestamp,
  updatedAt: timestamp,
});
