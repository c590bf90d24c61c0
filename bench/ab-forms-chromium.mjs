// The former name of `node bench/ab-paired.mjs --suite forms-chromium` (same options).
process.argv.splice(2, 0, '--suite', 'forms-chromium');
await import('./ab-paired.mjs');
