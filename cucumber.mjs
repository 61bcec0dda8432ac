// cucumber-js reads this file. tsx is registered here so step files run as
// TypeScript with no build step (cucumber's own `loader` option fails on Node 20).
import { register } from 'tsx/esm/api';

register();

export default {
  // Unit tests of the support code (*.test.ts) sit beside it and run under node --test, not here.
  import: ['harness/support/**/!(*.test).ts', 'harness/steps/**/*.ts'],
  paths: ['features/**/*.feature'],
  format: [
    'progress',
    'html:reports/cucumber.html',
    'junit:reports/cucumber-junit.xml',
    'message:reports/cucumber-messages.ndjson',
  ],
  formatOptions: { snippetInterface: 'async-await' },
  strict: true,
};
