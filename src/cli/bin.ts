#!/usr/bin/env node
/**
 * Entry point of the `difftape` executable.
 *
 * @module
 */
import { main } from './main.js';

process.exitCode = main(process.argv.slice(2));
