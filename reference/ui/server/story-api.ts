/**
 * The live view's own endpoints under /ui/api/, each authorised by the
 * api-server like any request (RBAC on the kubespec.dev resources of
 * story-resources.ts), each failure a Kubernetes Status:
 *
 *   GET  /ui/api/session                        who you are, what you may do, the server's clock
 *   GET  /ui/api/nodes                          the simulated nodes, silent or not
 *   POST /ui/api/nodes                          add one: {"name"?, "cpu"?, "memory"?}
 *   POST /ui/api/nodes/{name}/silence|resume    its kubelet stops / starts reporting
 *   GET  /ui/api/nodes/{name}/proxyrules        what its kube-proxy gave iptables-restore
 *   GET  /ui/api/imagefaults                    images whose pulls fail
 *   POST /ui/api/imagefaults                    make one fail: {"image"}
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StatusCause } from '../../../spec/objects/status.ts';
import { isStatusError } from '../../../spec/objects/status.ts';
import { isQuantity, QUANTITY_ERROR } from '../../api/quantity.ts';
import type { ApiServer } from '../../apiserver/apiserver.ts';
import type { Attributes } from '../../apiserver/authorization/authorization.ts';
import { authOf } from '../../apiserver/http/request-reader.ts';
import { invalid, required, validateSubdomain } from '../../apiserver/registry/validation.ts';
import { RESOURCES, type ResourceInfo } from '../../apiserver/registry/resources.ts';
import { errors } from '../../apiserver/status.ts';
import { jsonBodyOf } from './json-body.ts';
import { methodNotAllowed, notFoundPath, sendJson } from './respond.ts';
import type { SimulatedNodes } from './simulated-nodes.ts';
import { IMAGE_FAULTS, SIMULATED_NODES, STORY_API_VERSION } from './story-resources.ts';

export interface StoryApiDeps {
  apiserver: ApiServer;
  nodes: SimulatedNodes;
  /** Wall-clock milliseconds on the cluster's clock, so the page can tick in step with it. */
  now(): number;
}

type Check = Omit<Attributes, 'user'>;
const resource = (name: string): ResourceInfo => RESOURCES.get(name)!;

/** What the page asks before it offers a control; the endpoints check again when it is used. */
const ABILITIES: Record<string, Check> = {
  addNode: { verb: 'create', resource: SIMULATED_NODES },
  silenceNode: { verb: 'create', resource: SIMULATED_NODES, subresource: 'silence' },
  resumeNode: { verb: 'create', resource: SIMULATED_NODES, subresource: 'resume' },
  readProxyRules: { verb: 'get', resource: SIMULATED_NODES, subresource: 'proxyrules' },
  listSimulatedNodes: { verb: 'list', resource: SIMULATED_NODES },
  failImage: { verb: 'create', resource: IMAGE_FAULTS },
  createPods: { verb: 'create', resource: resource('pods'), namespace: 'default' },
  deletePods: { verb: 'delete', resource: resource('pods'), namespace: 'default' },
  createReplicaSets: { verb: 'create', resource: resource('replicasets'), namespace: 'default' },
};

const simulatedNode = (n: { name: string; silenced: boolean }) => ({ apiVersion: STORY_API_VERSION, kind: 'SimulatedNode', metadata: { name: n.name }, status: { silenced: n.silenced } });

export function storyApi(deps: StoryApiDeps) {
  const { apiserver, nodes } = deps;

  async function may(req: IncomingMessage, check: Check): Promise<boolean> {
    try {
      await apiserver.authorize(authOf(req), check);
      return true;
    } catch (e) {
      if (isStatusError(e) && e.code === 403) return false;
      throw e;
    }
  }

  async function session(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const user = await apiserver.authenticate(authOf(req));
    const allowed: Record<string, boolean> = {};
    for (const [name, check] of Object.entries(ABILITIES)) allowed[name] = await may(req, check);
    allowed.failImage &&= nodes.canFailImages;
    sendJson(res, 200, { user: { name: user.name, groups: user.groups }, may: allowed, serverTime: deps.now() });
  }

  async function addNode(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // As for any create, RBAC sees no name: the body is read only once the request is allowed.
    await apiserver.authorize(authOf(req), { verb: 'create', resource: SIMULATED_NODES });
    const body = ((await jsonBodyOf(req)) ?? {}) as Record<string, unknown>;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw errors.badRequest('the request body must be a JSON object');
    const name = body.name === undefined || body.name === '' ? nodes.nextName() : body.name;
    const causes: StatusCause[] = [];
    if (typeof name !== 'string') causes.push(invalid('metadata.name', name, 'must be a string'));
    else causes.push(...validateSubdomain('metadata.name', name));
    for (const field of ['cpu', 'memory'] as const) {
      const v = body[field];
      if (v !== undefined && v !== '' && !isQuantity(v)) causes.push(invalid(`spec.${field}`, v, QUANTITY_ERROR));
    }
    if (causes.length) throw errors.invalid(SIMULATED_NODES, String(name), causes);
    if (nodes.has(name as string)) throw errors.alreadyExists(SIMULATED_NODES, name as string);
    const quantity = (v: unknown) => (v === undefined || v === '' ? undefined : String(v));
    const cpu = quantity(body.cpu);
    const memory = quantity(body.memory);
    await nodes.add({ name: name as string, ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}) });
    sendJson(res, 201, simulatedNode({ name: name as string, silenced: false }));
  }

  async function nodeAction(req: IncomingMessage, res: ServerResponse, name: string, action: 'silence' | 'resume'): Promise<void> {
    await apiserver.authorize(authOf(req), { verb: 'create', resource: SIMULATED_NODES, subresource: action, name });
    if (!nodes.has(name)) throw errors.notFound(SIMULATED_NODES, name);
    await (action === 'silence' ? nodes.silence(name) : nodes.resume(name));
    sendJson(res, 201, simulatedNode({ name, silenced: action === 'silence' }));
  }

  async function proxyRules(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    await apiserver.authorize(authOf(req), { verb: 'get', resource: SIMULATED_NODES, subresource: 'proxyrules', name });
    if (!nodes.has(name)) throw errors.notFound(SIMULATED_NODES, name);
    sendJson(res, 200, { apiVersion: STORY_API_VERSION, kind: 'ProxyRules', metadata: { name }, payload: nodes.proxyRules(name) });
  }

  async function failImage(req: IncomingMessage, res: ServerResponse): Promise<void> {
    await apiserver.authorize(authOf(req), { verb: 'create', resource: IMAGE_FAULTS });
    const body = (await jsonBodyOf(req)) as { image?: unknown } | undefined;
    const image = body?.image;
    if (image === undefined || image === '') throw errors.invalid(IMAGE_FAULTS, '', [required('spec.image')]);
    if (typeof image !== 'string' || /\s/.test(image) || image.length > 512) {
      throw errors.invalid(IMAGE_FAULTS, String(image), [invalid('spec.image', image, 'must be an image reference without spaces, at most 512 characters')]);
    }
    if (!nodes.canFailImages) throw errors.methodNotSupported(IMAGE_FAULTS, 'create');
    nodes.failImagePull(image);
    sendJson(res, 201, { apiVersion: STORY_API_VERSION, kind: 'ImageFault', metadata: {}, spec: { image } });
  }

  /** Serves one request under /ui/api/; throws a StatusError for anything it refuses. */
  return async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    const parts = path.split('/').filter(Boolean).slice(2).map(decodeURIComponent); // after "ui", "api"
    const route = `${method} ${parts.map((p, i) => (i === 1 && parts[0] === 'nodes' ? '{name}' : p)).join('/')}`;
    switch (route) {
      case 'GET session':
        return session(req, res);
      case 'GET nodes':
        await apiserver.authorize(authOf(req), { verb: 'list', resource: SIMULATED_NODES });
        return sendJson(res, 200, { apiVersion: STORY_API_VERSION, kind: 'SimulatedNodeList', metadata: {}, items: nodes.list().map(simulatedNode) });
      case 'POST nodes':
        return addNode(req, res);
      case 'POST nodes/{name}/silence':
      case 'POST nodes/{name}/resume':
        return nodeAction(req, res, parts[1]!, parts[2] as 'silence' | 'resume');
      case 'GET nodes/{name}/proxyrules':
        return proxyRules(req, res, parts[1]!);
      case 'GET imagefaults':
        await apiserver.authorize(authOf(req), { verb: 'list', resource: IMAGE_FAULTS });
        return sendJson(res, 200, { apiVersion: STORY_API_VERSION, kind: 'ImageFaultList', metadata: {}, items: nodes.failingImages().map((image) => ({ spec: { image } })) });
      case 'POST imagefaults':
        return failImage(req, res);
    }
    await apiserver.authenticate(authOf(req));
    const known = ['GET session', 'GET nodes', 'POST nodes', 'POST nodes/{name}/silence', 'POST nodes/{name}/resume', 'GET nodes/{name}/proxyrules', 'GET imagefaults', 'POST imagefaults'];
    const samePath = known.some((k) => k.split(' ')[1] === route.split(' ')[1]);
    throw samePath ? methodNotAllowed(method, path) : notFoundPath(path);
  };
}
