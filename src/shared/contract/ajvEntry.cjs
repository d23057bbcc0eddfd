'use strict';
// Entry of dist/ajv.js (see esbuild.js): the JSON Schema library the contract file's rules need,
// kept out of dist/extension.js so activation does not pay for it.
module.exports = require('ajv');
