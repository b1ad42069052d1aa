/**
 * Where the pane loads office.js from. In production, Microsoft's CDN (the store requires it).
 * When the pane is served from this machine (localhost, 127.0.0.1) or asked with
 * `?officejs=local`, the copy that the server serves from the @microsoft/office-js package,
 * so development and the browser tests need no internet.
 * @example officeJsUrl(new URL('http://127.0.0.1:8787/taskpane.html')) // '/office-js/office.js'
 */
export const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
export const OFFICE_JS_LOCAL = '/office-js/office.js';

export function officeJsUrl(location: { hostname: string; search: string }): string {
  const local = ['localhost', '127.0.0.1', '[::1]', '::1'].includes(location.hostname)
    || new URLSearchParams(location.search).get('officejs') === 'local';
  return local ? OFFICE_JS_LOCAL : OFFICE_JS_CDN;
}
