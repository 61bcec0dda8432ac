/**
 * The api-server a fault run drives: `kubespec serve` (serve-under-test.ts)
 * or Kubernetes' own kube-apiserver (kube-apiserver-under-test.ts), both on
 * the run's etcd, both a child of this process that the nemesis can SIGKILL
 * and start again where it was (same port, same CA, same token), so the
 * workload's clients find it again.
 */
export interface ApiServerUnderTest {
  /** What runs, for the report: "kubespec serve", "kube-apiserver v1.37.2". */
  readonly name: string;
  /** https://127.0.0.1:PORT */
  readonly url: string;
  readonly caPem: string;
  /** A bearer token of a member of system:masters. */
  readonly token: string;
  /** Set when the process ended without being asked to. */
  readonly crashed: string | undefined;
  /** Starts the process and resolves once it serves. */
  launch(): Promise<void>;
  /** SIGKILL: the api-server crashes, mid-request. */
  kill(): Promise<void>;
  /** Stops it for good and removes its scratch folder. */
  stop(): Promise<void>;
}
