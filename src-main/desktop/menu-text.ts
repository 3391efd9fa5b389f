/**
 * The desktop menu's words, taken from the app's one text table (src-shared/i18n): the native menu
 * is drawn by the main process, so it words the `menu.*` messages itself.
 */
import { translate, type Locale, type MessageKey } from '../../src-shared/i18n/translate.js';

export type MenuLocale = Locale;

type MenuKey = MessageKey extends infer K ? (K extends `menu.${infer Name}` ? Name : never) : never;

export type MenuText = { [K in MenuKey]: string };

const menuKeys = [
  'file',
  'importFiles',
  'importFolder',
  'exportNotes',
  'settings',
  'quit',
  'edit',
  'view',
  'fontBigger',
  'fontSmaller',
  'fontReset',
  'theme',
  'themeSystem',
  'themeLight',
  'themeDark',
  'themeSepia',
  'zoomIn',
  'zoomOut',
  'zoomReset',
  'reload',
  'devtools',
  'go',
  'search',
  'back',
  'forward',
  'sources',
  'help',
  'shortcuts',
  'about',
  'openDataFolder',
] as const satisfies readonly MenuKey[];

// Every menu.* message is listed above: a key added to the table without its name here fails to compile.
const _allListed: MenuKey extends (typeof menuKeys)[number] ? true : never = true;

export function menuText(locale: MenuLocale): MenuText {
  return Object.fromEntries(menuKeys.map((k) => [k, translate(locale, `menu.${k}`)])) as MenuText;
}

/** The menu's language: the user's setting, else the system's (Chinese for any zh locale). */
export function pickMenuLocale(setting: string, systemLocale: string): MenuLocale {
  if (setting === 'zh-CN' || setting === 'en') return setting;
  return systemLocale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
