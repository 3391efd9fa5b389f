/**
 * What the desktop menu asks for (Electron sends 'app:command'): each command as the same action the
 * keyboard or a button takes. Apart from App.svelte so the window's component stays about layout.
 */
import type { AppCommand } from '$contract';
import { reader } from './state/reader.svelte';
import { settings } from './state/settings.svelte';
import { ui } from './state/ui.svelte';

export function runCommand(command: AppCommand): void {
  switch (command) {
    case 'focus-search':
      ui.focusSearch();
      break;
    case 'go-back':
      reader.back();
      break;
    case 'go-forward':
      reader.forward();
      break;
    case 'show-shortcuts':
      ui.shortcutsOpen = true;
      break;
    case 'open-settings':
      ui.show('settings');
      break;
    case 'open-sources':
      ui.show('sources');
      break;
    case 'font-bigger':
      settings.changeFontSize(1);
      break;
    case 'font-smaller':
      settings.changeFontSize(-1);
      break;
    case 'font-reset':
      settings.resetFontSize();
      break;
    case 'theme-system':
    case 'theme-light':
    case 'theme-dark':
    case 'theme-sepia':
      settings.update({ theme: command.slice('theme-'.length) as 'system' | 'light' | 'dark' | 'sepia' });
      break;
  }
}
