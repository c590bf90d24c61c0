// Writes the forms benchmark's spec (schema + samples) as JSON for the native side: node bench/native/forms-spec-json.mjs OUT
import fs from 'node:fs';
import { formSpec } from '../forms-spec.mjs';
const { tthcSchema, samples } = formSpec();
fs.writeFileSync(process.argv[2], JSON.stringify({ tthcSchema, samples }));
