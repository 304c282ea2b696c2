/** `npm run codegen:chatbot`: writes the chatbot's API schema and operation types (chatbot/operations/). */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { API_SCHEMA_FILE, TYPES_FILE, apiSchemaSdl, operationTypes } from '../chatbot/operations/codegen.js';

const schema = await apiSchemaSdl();
await writeFile(API_SCHEMA_FILE, schema);
await writeFile(TYPES_FILE, await operationTypes(schema));
process.stdout.write(`wrote ${fileURLToPath(API_SCHEMA_FILE)} and ${fileURLToPath(TYPES_FILE)}\n`);
