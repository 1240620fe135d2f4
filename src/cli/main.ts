#!/usr/bin/env node
import { runCli } from './program.ts';

process.exitCode = await runCli(process.argv, { stdout: process.stdout, stderr: process.stderr });
