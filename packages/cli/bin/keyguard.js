#!/usr/bin/env node
import module from 'node:module';

// Node 22+ keeps compiled code between runs: `git commit` pays less for start-up each time.
module.enableCompileCache?.();

const { main } = await import('../dist/keyguard.js');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`keyguard: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  },
);
