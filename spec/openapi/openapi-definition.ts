/**
 * One definition of Kubernetes' OpenAPI document, reduced to the facts the
 * suite uses (see definitions.ts).
 */
export interface OpenApiDefinition {
  /** `group/version/Kind` (`v1/Pod` for the core group) when the definition is a kind. */
  gvk?: string;
  /** Fields a generated client model cannot do without. */
  required?: readonly string[];
  /** Each field's type: string, bool, int32, int64, float64, bytes, any, []T, map[string]T, or a definition name. */
  fields?: Readonly<Record<string, string>>;
  /** Set when the definition is one JSON value: time, micro-time, quantity, int-or-string, string, any. */
  scalar?: string;
}
