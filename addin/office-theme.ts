/** The pane's one theme: Office's light or dark look, following the host where it tells us. Read once at start, in the entry, so components never touch Office.js. */
import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';

export function officeTheme(): Theme {
  try {
    const bg = globalThis.Office?.context?.officeTheme?.bodyBackgroundColor;
    if (bg && /^#?[0-9a-f]{6}$/i.test(bg)) {
      const n = parseInt(bg.replace('#', ''), 16);
      const luminance = 0.299 * (n >> 16) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255);
      if (luminance < 128) return webDarkTheme;
    }
  } catch {
    // no host theme outside Office
  }
  return webLightTheme;
}
