// Preload for custom-functions-metadata: it does require('typescript') for TypeScript's JS API,
// which the repo's TypeScript 7 lacks; 'typescript' is answered with typescript-5 (an npm alias).
const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, request === 'typescript' ? 'typescript-5' : request, ...rest);
};
