/**
 * Why the core rejected (or set apart) an imported file, as the Sources view words it: the core
 * sends a code and a detail (`ImportReason`); the code is worded in the UI language from the text
 * table, the detail shown as the core wrote it. A reason of no known kind (`other`) shows its detail.
 */
import type { ImportReason, ImportReasonCode } from '$contract';
import type { MessageKey } from './i18n/i18n.svelte';

/** The codes the text table words (every code but `other`). */
export type ReasonCategory = Exclude<ImportReasonCode, 'other'>;

export interface ReasonView {
  /** Absent for a reason of no known kind: then `detail` is the whole reason. */
  category?: ReasonCategory;
  detail: string;
}

export function reasonView(reason: ImportReason): ReasonView {
  return reason.code === 'other'
    ? { detail: reason.detail }
    : { category: reason.code, detail: reason.detail };
}

export const reasonKey = (category: ReasonCategory): MessageKey => `sources.reason.${category}`;
