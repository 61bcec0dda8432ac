// The cucumber configuration of `kubespec conformance`: the project's own
// (cucumber.mjs, which also registers tsx), with the reports written under
// KUBESPEC_REPORT_DIR so a run against another adapter never overwrites the
// reference run's reports, and the message stream on stdout for the live
// progress and the summary.
import base from '../../cucumber.mjs';

const dir = process.env.KUBESPEC_REPORT_DIR ?? 'reports/conformance';

export default {
  ...base,
  // A runaway implementation may keep timers alive after the last scenario: end the process anyway.
  forceExit: true,
  format: [`html:${dir}/cucumber.html`, `junit:${dir}/cucumber-junit.xml`, `message:${dir}/conformance-messages.ndjson`, 'message'],
};
