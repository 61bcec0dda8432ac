/**
 * The Deployment's rules (pkg/registry/apps/deployment/strategy.go,
 * SetDefaults_Deployment and ValidateDeploymentSpec): its defaults (one
 * replica, RollingUpdate with 25 % surge and 25 % unavailable, ten old
 * ReplicaSets kept, a 600 s progress deadline), a new Deployment has an
 * empty status, an update keeps the status (the deployment controller
 * writes it, and the revision annotation, through deployments/status) and bumps the generation when the
 * spec or the annotations change, and the selector may not change. Its size
 * can be read and set through deployments/scale, as a ReplicaSet's.
 */
import type { KubeObject } from '../../../../spec/objects/meta.ts';
import { Deployment, type DeploymentSpec, type IntOrString } from '../../../../spec/objects/deployment.ts';
import type { StatusCause } from '../../../../spec/objects/status.ts';
import { podStrategy } from '../pod/strategy.ts';
import { scaleSubresource } from '../replicaset/scale.ts';
import { goLabelSelector, selectorCauses } from '../replicaset/strategy.ts';
import { RESOURCES } from '../resources.ts';
import { genericStrategy, keepStatus, type Strategy } from '../strategy.ts';
import { goJson, invalidValue } from '../validation.ts';
import { deploymentStatusSubresource } from './status.ts';

const generic = genericStrategy(RESOURCES.get('deployments')!, Deployment);
const isPlainObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** SetDefaults_Deployment, and the pod defaults inside its template (the defaulters recurse into it). */
export function defaultDeployment(obj: KubeObject): void {
  const spec = obj.spec;
  if (!isPlainObject(spec)) return;
  spec.replicas ??= 1;
  spec.strategy ??= {};
  if (isPlainObject(spec.strategy)) {
    spec.strategy.type ??= 'RollingUpdate';
    if (spec.strategy.type === 'RollingUpdate') {
      spec.strategy.rollingUpdate ??= {};
      if (isPlainObject(spec.strategy.rollingUpdate)) {
        spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
        spec.strategy.rollingUpdate.maxSurge ??= '25%';
      }
    }
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  const template = spec.template;
  if (isPlainObject(template)) {
    // kubectl sends the template's zero creationTimestamp as null; Go decodes it to nothing.
    if (isPlainObject(template.metadata) && template.metadata.creationTimestamp === null) delete template.metadata.creationTimestamp;
    podStrategy.defaults({ metadata: {}, spec: template.spec });
  }
}

const nonNegative = (field: string, value: number | undefined): StatusCause[] =>
  value !== undefined && value < 0 ? [invalidValue(field, String(value), 'must be greater than or equal to 0')] : [];

const PERCENT = /^[0-9]+%$/;
const PERCENT_ERROR = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/** ValidatePositiveIntOrPercent. */
function intOrPercentCauses(field: string, value: IntOrString | undefined): StatusCause[] {
  if (typeof value === 'string') return PERCENT.test(value) ? [] : [invalidValue(field, goJson(value), PERCENT_ERROR)];
  return nonNegative(field, value);
}

/** getIntOrPercentValue: the number before the % sign, or the count itself. */
const intOrPercentValue = (value: IntOrString | undefined): number => (typeof value === 'string' ? (PERCENT.test(value) ? Number(value.slice(0, -1)) : 0) : (value ?? 0));

/** ValidateDeploymentStrategy and ValidateRollingUpdateDeployment. */
function strategyCauses(spec: DeploymentSpec): StatusCause[] {
  const strategy = spec.strategy ?? {};
  const field = 'spec.strategy';
  if (strategy.type === 'Recreate') {
    return strategy.rollingUpdate ? [{ type: 'FieldValueForbidden', field: `${field}.rollingUpdate`, message: "Forbidden: may not be specified when strategy `type` is 'Recreate'" }] : [];
  }
  if (strategy.type !== 'RollingUpdate') {
    return [{ type: 'FieldValueNotSupported', field, message: `Unsupported value: ${goJson(strategy)}: supported values: "Recreate", "RollingUpdate"` }];
  }
  const { maxUnavailable, maxSurge } = strategy.rollingUpdate ?? {};
  const causes = [...intOrPercentCauses(`${field}.rollingUpdate.maxUnavailable`, maxUnavailable), ...intOrPercentCauses(`${field}.rollingUpdate.maxSurge`, maxSurge)];
  if (intOrPercentValue(maxUnavailable) === 0 && intOrPercentValue(maxSurge) === 0) {
    causes.push(invalidValue(`${field}.rollingUpdate.maxUnavailable`, goJson(maxUnavailable ?? 0), 'may not be 0 when `maxSurge` is 0'));
  }
  if (typeof maxUnavailable === 'string' && PERCENT.test(maxUnavailable) && intOrPercentValue(maxUnavailable) > 100) {
    causes.push(invalidValue(`${field}.rollingUpdate.maxUnavailable`, goJson(maxUnavailable), 'must not be greater than 100%'));
  }
  return causes;
}

/** The pod rules for the template (ValidatePodTemplateSpecForReplicaSet), named under spec.template. */
function templateCauses(spec: DeploymentSpec): StatusCause[] {
  const asPod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'template', namespace: 'default' }, spec: spec.template.spec };
  const causes = podStrategy.validate(asPod).map((c) => ({ ...c, field: c.field?.replace(/^spec\./, 'spec.template.spec.') }));
  const restartPolicy = spec.template.spec.restartPolicy;
  if (restartPolicy !== 'Always') {
    causes.push({ type: 'FieldValueNotSupported', field: 'spec.template.spec.restartPolicy', message: `Unsupported value: ${goJson(restartPolicy ?? '')}: supported values: "Always"` });
  }
  return causes;
}

/** ValidateDeploymentSpec, past the schema's own checks of its shape. */
function specCauses(spec: DeploymentSpec): StatusCause[] {
  const causes = [...nonNegative('spec.replicas', spec.replicas), ...selectorCauses({ spec }), ...templateCauses(spec), ...strategyCauses(spec)];
  causes.push(...nonNegative('spec.minReadySeconds', spec.minReadySeconds), ...nonNegative('spec.revisionHistoryLimit', spec.revisionHistoryLimit));
  const deadline = spec.progressDeadlineSeconds;
  if (deadline !== undefined) {
    causes.push(...nonNegative('spec.progressDeadlineSeconds', deadline));
    if (deadline <= (spec.minReadySeconds ?? 0)) causes.push(invalidValue('spec.progressDeadlineSeconds', String(deadline), 'must be greater than minReadySeconds'));
  }
  return causes;
}

export const deploymentStrategy: Strategy = {
  ...generic,
  defaults: defaultDeployment,
  prepareForCreate(obj) {
    obj.status = {};
  },
  prepareForUpdate: keepStatus,
  // Annotations count too: the controller copies them to the ReplicaSets.
  bumpsGeneration: (obj, old) => JSON.stringify(obj.metadata.annotations ?? {}) !== JSON.stringify(old.metadata.annotations ?? {}),
  validate(obj) {
    const causes = generic.validate(obj);
    return causes.some((c) => c.field?.startsWith('spec')) ? causes : [...causes, ...specCauses(obj.spec as DeploymentSpec)];
  },
  validateUpdate(obj, old) {
    const [selector, was] = [(obj.spec as DeploymentSpec | undefined)?.selector, (old.spec as DeploymentSpec).selector];
    if (!selector || JSON.stringify(goLabelSelector(selector)) === JSON.stringify(goLabelSelector(was))) return [];
    return [invalidValue('spec.selector', goLabelSelector(selector), 'field is immutable')];
  },
  subresources: { status: deploymentStatusSubresource, scale: scaleSubresource },
};
