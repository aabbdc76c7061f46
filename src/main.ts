import { runCli } from './cli/program';

/** Entry point of `mono` (bin/mono.mjs) and `npm start` (= `mono serve`). */
const code = await runCli(process.argv.slice(2));
if (code !== 0) process.exit(code);
