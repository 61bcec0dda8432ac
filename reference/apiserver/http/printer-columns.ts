/**
 * What every printer of a server-side Table is made of (pkg/printers): its
 * column definitions, the NAME and AGE columns every kind has, and the AGE
 * column's human durations.
 */
import type { KubeObject } from '../../../spec/objects/meta.ts';

export interface ColumnDefinition {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format: string;
  description: string;
  priority: number;
}
export type Cell = string | number;
export type Printer = { columns: ColumnDefinition[]; cells(obj: KubeObject, now: number): Cell[] };

export const col = (name: string, type: ColumnDefinition['type'], description: string, priority = 0, format = ''): ColumnDefinition => ({ name, type, format, description, priority });
export const NAME = col('Name', 'string', 'Name must be unique within a namespace.', 0, 'name');
export const AGE = col('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.');

/** k8s.io/apimachinery/pkg/util/duration.HumanDuration, as every AGE column prints. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  const years = Math.trunc(hours / 24 / 365);
  const days = Math.trunc(hours / 24) % 365;
  if (hours < 24 * 365 * 8) return days === 0 ? `${years}y` : `${years}y${days}d`;
  return `${years}y`;
}

export function age(obj: KubeObject, now: number): string {
  const created = obj.metadata.creationTimestamp ? Date.parse(obj.metadata.creationTimestamp) : NaN;
  return Number.isNaN(created) ? '<unknown>' : humanDuration(now - created);
}
