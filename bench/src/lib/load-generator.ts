import autocannon, { type AutocannonOptions } from 'autocannon';

/**
 * Child-process entry: runs one autocannon measurement and prints its result as JSON. The load
 * generator lives in its own process so it does not share the event loop of the server it measures.
 */
const raw = process.argv[2];
if (!raw) {
  console.error('usage: load-generator.ts <autocannon options as JSON>');
  process.exit(2);
}
const options = JSON.parse(raw) as AutocannonOptions;
const result = await autocannon(options);
process.stdout.write(JSON.stringify(result));
