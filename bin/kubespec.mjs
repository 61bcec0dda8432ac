#!/usr/bin/env node
// The `kubespec` command. TypeScript runs through tsx: no build step.
import { register } from 'tsx/esm/api';

register();
await import('../harness/cli/kubespec.ts');
