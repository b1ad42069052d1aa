/**
 * `lotledger` (bin/lotledger.js runs this file): see server/cli/main.ts, or `lotledger --help`.
 * New tokens and batch ids are printed alone on the last line, so scripts can take them with `tail -n 1`.
 */
import { main } from './cli/main';

process.exitCode = await main(process.argv.slice(2));
