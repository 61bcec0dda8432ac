import type { Mutant } from '../mutant.ts';
import { controllerWith } from '../reference-controller-with.ts';
import { endpointSliceController } from '../../../reference/controllers/endpointslice.ts';

export const mutant: Mutant = {
  bug: 'the EndpointSlice controller ignores --max-endpoints-per-slice and puts every endpoint of a Service in one slice',
  swap: 'controller:endpointslice-controller',
  tags: '@component:service',
};

export default controllerWith(endpointSliceController, { settings: () => ({ maxEndpointsPerSlice: 1000 }) });
