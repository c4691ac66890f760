#!/usr/bin/env node
// The `alertcraft` command line. Commands live in files of their own beside this one.
console.error('alertcraft: no commands yet');
process.exit(2);
