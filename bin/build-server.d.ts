/** dist/server/node.js: the bundle `npm start` runs. */
export const SERVER_BUNDLE: string;
/** Builds dist/server/node.js (and its migrations) from the sources; answers its path. */
export function buildServer(): string;
