/**
 * An upper bound on how deeply a YAML document nests, read without parsing
 * it: flow brackets, plus on each line its indentation and compact `- `
 * entries. The YAML library parses recursively and would exhaust the stack
 * (and V8 then aborts the process instead of throwing) long before Go's
 * yaml reaches its own limit of 10,000 levels, so bodies past this server's
 * limit are refused before parsing.
 */

/** Levels of YAML nesting this server parses; kube-apiserver's go-yaml allows 10,000. */
export const MAX_YAML_DEPTH = 1000;

export function yamlNestingBound(text: string): number {
  let flow = 0;
  let deepest = 0;
  for (const line of text.split('\n')) {
    const indent = line.length - line.trimStart().length;
    const dashes = /^(?:[-?]\s+)*/.exec(line.trimStart())![0].replace(/\s+/g, '').length;
    let quote: string | undefined;
    for (const ch of line) {
      if (quote) {
        if (ch === quote) quote = undefined;
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '#') break;
      else if (ch === '[' || ch === '{') flow++;
      else if ((ch === ']' || ch === '}') && flow > 0) flow--;
      deepest = Math.max(deepest, indent + dashes + flow);
    }
    deepest = Math.max(deepest, indent + dashes + flow);
  }
  return deepest;
}
