/**
 * A node's netfilter tables, as the kernel holds them, loaded the way
 * kube-proxy loads them: `iptables-restore --noflush` text, parsed line by
 * line and committed per table only when every rule is valid (a jump to a
 * chain that does not exist fails the whole restore, as
 * `iptables-legacy-restore` does). The dataplane walks these tables.
 */
export interface Match {
  /** `s`, `d`, `p`, or `<module>:<option>` such as `tcp:dport`, `statistic:probability`. */
  name: string;
  value?: string;
  negated: boolean;
}

export interface Rule {
  raw: string;
  matches: Match[];
  /** A built-in target (ACCEPT, DNAT, ...) or a chain name. */
  target?: string;
  targetOptions: Record<string, string | true>;
}

export class IptablesRestoreError extends Error {
  constructor(line: number, text: string, why: string) {
    super(`iptables-restore: line ${line} failed: ${why}: ${text}`);
    this.name = 'IptablesRestoreError';
  }
}

export const BUILTIN_CHAINS: Record<string, readonly string[]> = {
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
};
const TARGETS: Record<string, readonly string[]> = {
  filter: ['ACCEPT', 'DROP', 'RETURN', 'REJECT', 'MARK'],
  nat: ['ACCEPT', 'DROP', 'RETURN', 'DNAT', 'SNAT', 'MASQUERADE', 'MARK'],
};
/** Options each match module understands, and whether they take a value. */
const MODULE_OPTIONS: Record<string, Record<string, boolean>> = {
  tcp: { dport: true, sport: true },
  udp: { dport: true, sport: true },
  sctp: { dport: true, sport: true },
  comment: { comment: true },
  statistic: { mode: true, probability: true },
  recent: { name: true, rcheck: false, set: false, seconds: true, reap: false },
  mark: { mark: true },
  conntrack: { ctstate: true },
  addrtype: { 'dst-type': true, 'src-type': true },
};
const TARGET_OPTIONS: Record<string, Record<string, boolean>> = {
  DNAT: { 'to-destination': true },
  SNAT: { 'to-source': true },
  MARK: { 'or-mark': true, 'xor-mark': true, 'set-xmark': true },
  MASQUERADE: { 'random-fully': false },
  REJECT: { 'reject-with': true },
};

/** Splits a rule line as a shell would: spaces separate, double quotes group. */
export function tokenize(line: string): string[] {
  const tokens: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) tokens.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]!);
  return tokens;
}

/** Parses the part of a rule after `-A CHAIN`. Throws a plain Error with the reason. */
export function parseRule(tokens: string[], raw: string): Rule {
  const rule: Rule = { raw, matches: [], targetOptions: {} };
  let module: string | undefined;
  let negate = false;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const value = () => {
      const v = tokens[++i];
      if (v === undefined) throw new Error(`option "${tok}" needs a value`);
      return v;
    };
    if (tok === '!') {
      negate = true;
      continue;
    }
    if (rule.target !== undefined) {
      const known = TARGET_OPTIONS[rule.target] ?? {};
      const opt = tok.replace(/^--/, '');
      if (!tok.startsWith('--') || !(opt in known)) throw new Error(`unknown option "${tok}" for target ${rule.target}`);
      rule.targetOptions[opt] = known[opt] ? value() : true;
      continue;
    }
    if (tok === '-m' || tok === '--match') {
      module = value();
      if (!(module in MODULE_OPTIONS)) throw new Error(`unsupported match module "${module}"`);
    } else if (tok === '-j' || tok === '--jump') {
      rule.target = value();
    } else if (['-s', '--source', '-d', '--destination', '-p', '--protocol'].includes(tok)) {
      rule.matches.push({ name: tok.replace(/^-+/, '')[0]!, value: value(), negated: negate });
    } else if (tok.startsWith('--') && module && tok.slice(2) in MODULE_OPTIONS[module]!) {
      const opt = tok.slice(2);
      rule.matches.push({ name: `${module}:${opt}`, ...(MODULE_OPTIONS[module]![opt] ? { value: value() } : {}), negated: negate });
    } else {
      throw new Error(`unsupported option "${tok}"`);
    }
    negate = false;
  }
  return rule;
}

type Table = Map<string, Rule[]>;

export class Netfilter {
  private tables = new Map<string, Table>(
    Object.entries(BUILTIN_CHAINS).map(([t, chains]) => [t, new Map(chains.map((c) => [c, [] as Rule[]]))]),
  );

  chain(table: string, chain: string): readonly Rule[] {
    return this.tables.get(table)?.get(chain) ?? [];
  }

  chains(table: string): string[] {
    return [...(this.tables.get(table)?.keys() ?? [])];
  }

  isTarget(table: string, name: string): boolean {
    return TARGETS[table]?.includes(name) ?? false;
  }

  /** `iptables-restore [--noflush]`: all tables in the text are committed, or none. */
  restore(text: string, opts: { noflush?: boolean } = {}): void {
    const next = new Map([...this.tables].map(([name, t]) => [name, new Map([...t].map(([c, rules]) => [c, [...rules]]))]));
    let table: Table | undefined;
    let tableName = '';
    let committed = true;
    text.split('\n').forEach((rawLine, index) => {
      const line = rawLine.trim();
      const no = index + 1;
      const fail = (why: string): never => {
        throw new IptablesRestoreError(no, line, why);
      };
      if (line === '' || line.startsWith('#')) return;
      if (line.startsWith('*')) {
        tableName = line.slice(1);
        table = next.get(tableName) ?? fail(`unsupported table "${tableName}"`);
        committed = false;
        if (!opts.noflush) {
          for (const c of [...table.keys()]) {
            if (BUILTIN_CHAINS[tableName]!.includes(c)) table.set(c, []);
            else table.delete(c);
          }
        }
        return;
      }
      if (!table) return fail('rule outside a table (expected "*filter" or "*nat" first)');
      if (line === 'COMMIT') {
        this.validate(tableName, table, no);
        committed = true;
        table = undefined;
        return;
      }
      const tokens = tokenize(line);
      const [op, chain] = tokens;
      if (!chain) return fail('missing chain name');
      if (op!.startsWith(':')) {
        const name = op!.slice(1);
        if (!BUILTIN_CHAINS[tableName]!.includes(name)) table.set(name, []); // declaring a chain creates or flushes it
        return;
      }
      const rules = table.get(chain);
      if (op === '-X') {
        if (!rules) fail(`no chain "${chain}" to delete`);
        table.delete(chain);
        return;
      }
      if (op === '-F') {
        if (!rules) fail(`no chain "${chain}" to flush`);
        table.set(chain, []);
        return;
      }
      if (!rules) return fail(`no chain "${chain}"`);
      let rest = tokens.slice(2);
      let position = rules.length;
      if (op === '-I') {
        position = /^\d+$/.test(rest[0] ?? '') ? Number(rest.shift()) - 1 : 0;
        if (position > rules.length) fail(`index ${position + 1} is past the end of "${chain}"`);
      } else if (op !== '-A') fail(`unsupported command "${op}"`);
      try {
        rules.splice(position, 0, parseRule(rest, line));
      } catch (e) {
        fail((e as Error).message);
      }
    });
    if (!committed) throw new IptablesRestoreError(text.split('\n').length, '', 'no COMMIT at the end of the table');
    this.tables = next;
  }

  /** Every jump goes to a built-in target or an existing chain (what `--test` checks). */
  private validate(tableName: string, table: Table, line: number): void {
    for (const [chain, rules] of table) {
      for (const r of rules) {
        if (r.target && !this.isTarget(tableName, r.target) && !table.has(r.target)) {
          throw new IptablesRestoreError(line, r.raw, `chain "${chain}" jumps to "${r.target}", which does not exist in table ${tableName}`);
        }
      }
    }
  }
}
