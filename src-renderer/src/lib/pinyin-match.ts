/**
 * Pinyin matching for the renderer's own filters (the Notes filter), the way search matches titles:
 * letters typed match the toneless spelling from the start of a syllable (`yinyan`, `yiny` on the way)
 * or the initials (`yy`). The dictionary (pinyin-pro) loads on first use, so the app starts without it.
 */
import type { pinyin as PinyinFn } from 'pinyin-pro';

export type Spell = (text: string) => string[];

/** Whether the typed text is a pinyin query: Latin letters only (spaces allowed), two or more. */
export function pinyinLetters(typed: string): string | undefined {
  const letters = typed.toLowerCase().replace(/\s+/g, '');
  return /^[a-z]{2,}$/.test(letters) ? letters : undefined;
}

/** Whether `letters` spell part of `text` from a syllable's start, or its initials. */
export function matchesPinyin(text: string, letters: string, spell: Spell): boolean {
  const syllables = spell(text).filter((s) => /^[a-z]+$/.test(s));
  if (syllables.length === 0) return false;
  let full = '';
  const starts: number[] = [];
  for (const s of syllables) {
    starts.push(full.length);
    full += s;
  }
  for (let at = full.indexOf(letters); at >= 0; at = full.indexOf(letters, at + 1)) {
    if (starts.includes(at)) return true;
  }
  return syllables
    .map((s) => s[0])
    .join('')
    .includes(letters);
}

/** Loads pinyin-pro and answers a speller: one toneless syllable per Han character, in order. */
export async function loadSpell(): Promise<Spell> {
  const { pinyin } = (await import('pinyin-pro')) as { pinyin: typeof PinyinFn };
  return (text) => {
    const han = [...text].filter((c) => /\p{Script=Han}/u.test(c)).join('');
    return han ? pinyin(han, { toneType: 'none', type: 'array', v: true }).map((s) => s.toLowerCase()) : [];
  };
}
