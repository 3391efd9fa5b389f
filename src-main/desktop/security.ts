/**
 * Guards on every web contents: the app never navigates away from itself, never opens a window of
 * its own, and grants no permission (camera, notifications, ...). Web links the user clicks go to the
 * system browser after a confirmation; anything else is refused.
 */
import type { Session, WebContents } from 'electron';

/** True for the app's own pages (the built renderer loaded from disk, or the dev server). */
export function isAppUrl(url: string, appOrigin: string): boolean {
  try {
    const u = new URL(url);
    if (appOrigin === 'file://') return u.protocol === 'file:';
    return u.origin === appOrigin;
  } catch {
    return false;
  }
}

export function guardWebContents(
  contents: WebContents,
  appOrigin: string,
  openExternal: (url: string) => void = () => undefined,
): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url, appOrigin)) return;
    event.preventDefault();
    openExternal(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, appOrigin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
