/**
 * Links out of the app: only http and https, and only after the user confirms, in the system browser.
 * Everything else (file:, javascript:, custom schemes) is refused without asking.
 */
export function isExternalWebUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

export interface LinkDeps {
  confirm(url: string): Promise<boolean>;
  openExternal(url: string): Promise<void>;
}

/** Open `url` in the browser if it is a web address and the user agrees; true when opened. */
export async function openExternalLink(url: string, deps: LinkDeps): Promise<boolean> {
  if (!isExternalWebUrl(url)) return false;
  if (!(await deps.confirm(url))) return false;
  await deps.openExternal(url);
  return true;
}
