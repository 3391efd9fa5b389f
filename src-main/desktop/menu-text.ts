/**
 * The desktop menu's words in Simplified Chinese and English (the renderer has its own tables; the
 * native menu is drawn by the main process, so it needs these).
 */
export type MenuLocale = 'zh-CN' | 'en';

const zh = {
  file: '文件',
  importFiles: '导入文件…',
  importFolder: '导入文件夹…',
  exportNotes: '导出笔记…',
  settings: '设置',
  quit: '退出',
  edit: '编辑',
  view: '视图',
  fontBigger: '放大字号',
  fontSmaller: '缩小字号',
  fontReset: '默认字号',
  theme: '主题',
  themeSystem: '跟随系统',
  themeLight: '浅色',
  themeDark: '深色',
  themeSepia: '护眼',
  zoomIn: '放大',
  zoomOut: '缩小',
  zoomReset: '实际大小',
  reload: '重新载入',
  devtools: '开发者工具',
  go: '前往',
  search: '搜索',
  back: '后退',
  forward: '前进',
  sources: '来源',
  help: '帮助',
  shortcuts: '键盘快捷键',
  about: '关于阅览',
  openDataFolder: '打开数据文件夹',
} as const;

export type MenuText = { [K in keyof typeof zh]: string };

const en: MenuText = {
  file: 'File',
  importFiles: 'Import Files…',
  importFolder: 'Import Folder…',
  exportNotes: 'Export Notes…',
  settings: 'Settings',
  quit: 'Quit',
  edit: 'Edit',
  view: 'View',
  fontBigger: 'Larger Text',
  fontSmaller: 'Smaller Text',
  fontReset: 'Default Text Size',
  theme: 'Theme',
  themeSystem: 'System',
  themeLight: 'Light',
  themeDark: 'Dark',
  themeSepia: 'Sepia',
  zoomIn: 'Zoom In',
  zoomOut: 'Zoom Out',
  zoomReset: 'Actual Size',
  reload: 'Reload',
  devtools: 'Developer Tools',
  go: 'Go',
  search: 'Search',
  back: 'Back',
  forward: 'Forward',
  sources: 'Sources',
  help: 'Help',
  shortcuts: 'Keyboard Shortcuts',
  about: 'About Yuelan',
  openDataFolder: 'Open Data Folder',
};

export function menuText(locale: MenuLocale): MenuText {
  return locale === 'zh-CN' ? zh : en;
}

/** The menu's language: the user's setting, else the system's (Chinese for any zh locale). */
export function pickMenuLocale(setting: string, systemLocale: string): MenuLocale {
  if (setting === 'zh-CN' || setting === 'en') return setting;
  return systemLocale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
