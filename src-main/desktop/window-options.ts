/**
 * The main window's options: every web security switch on (context isolation, the sandbox, no Node in
 * the page, web security, no middle-click windows), the preload as the page's only door to the core.
 * Written as literals so static checkers (electronegativity) see them at the constructor call.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: '阅览 Yuelan',
    backgroundColor: '#faf8f3',
    webPreferences: {
      disableBlinkFeatures: 'Auxclick',
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}
