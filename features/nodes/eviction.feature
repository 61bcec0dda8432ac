@component:node-lifecycle-controller @component:taint-eviction-controller
Feature: Pods on a silent node get five more minutes, then are evicted
  Once the node controller has tainted a silent node
  node.kubernetes.io/unreachable:NoExecute, each pod on it may stay for
  its toleration of that taint, which the api-server gave every pod at
  creation: 300 seconds, the note's "5 more minutes" (C6). Then the pod is
  evicted: it is marked DisruptionTarget and deleted. A ReplicaSet's pod
  is replaced by a new one that the scheduler places on a healthy node; a
  pod that nobody owns is just gone. A node that reports again in time
  keeps its pods (C2: the controller acts to keep applications running).

  @node-controller.evicts-after-toleration @virtual-time @settings @node-simulation
  Scenario Outline: a pod survives until its toleration runs out, and is evicted right then (<source>)
    Given the node controller checks every <period> seconds with a grace period of <grace> seconds
    And pods tolerate an unreachable node for <toleration> seconds by default
    And a cluster with these nodes:
      | name     |
      | worker-1 |
      | worker-2 |
    And pod "solo" runs on node "worker-1"
    And node "worker-1" stops reporting right after a heartbeat
    When the node controller has tainted node "worker-1" with "node.kubernetes.io/unreachable:NoExecute"
    And <almost> seconds have passed since the taint was added
    Then pod "solo" is still running on node "worker-1"
    And pod "solo" has Ready condition "False"
    When 1 more second passes
    Then pod "solo" is marked for deletion by the taint manager

    Examples:
      | source                           | period | grace | toleration | almost |
      | the note: 5 s, 40 s, 5 min       | 5      | 40    | 300        | 299    |
      | Kubernetes 1.32: 5 s, 50 s, 5 min | 5      | 50    | 300        | 299    |
      | a one-minute toleration          | 5      | 40    | 60         | 59     |

  # The note's whole story on any clock, with the timings each row asks
  # for: marked Unknown once the grace period has passed, evicted once the
  # toleration has run out after the taint; each not before its time and
  # within a node-monitor period after it (plus a stated slack on a real
  # clock: harness/support/windows.ts). On a cluster whose timings are
  # scaled for the real clock the values are read as ratios of the note's
  # (40 s becomes 4 s, 50 s 5 s, 300 s 10 s, 60 s 2 s: README, "Timing").
  @node-controller.marks-after-grace @node-controller.evicts-after-toleration @settings @node-simulation
  Scenario Outline: a silent node's pod is evicted once the grace period and then its toleration have run out (<source>)
    Given the node controller checks every <period> seconds with a grace period of <grace> seconds
    And pods tolerate an unreachable node for <toleration> seconds by default
    And a cluster with these nodes:
      | name     |
      | worker-1 |
      | worker-2 |
    And pod "solo" runs on node "worker-1"
    And node "worker-1" stops reporting right after a heartbeat
    Then node "worker-1" is marked Unknown once the grace period has passed since that heartbeat
    When the node controller has tainted node "worker-1" with "node.kubernetes.io/unreachable:NoExecute"
    Then pod "solo" has Ready condition "False"
    And pod "solo" is marked for deletion by the taint manager once the toleration has passed since the taint was added

    Examples:
      | source                           | period | grace | toleration |
      | the note: 5 s, 40 s, 5 min       | 5      | 40    | 300        |
      | Kubernetes 1.32: 5 s, 50 s, 5 min | 5      | 50    | 300        |
      | a one-minute toleration          | 5      | 40    | 60         |

  @node-controller.evicts-after-toleration @node-controller.keeps-apps-running @controllers.same-pattern @node-simulation
  Scenario: the pods of a ReplicaSet come back on another node; a bare pod is just gone
    Given a cluster with these nodes:
      | name     | cpu | memory |
      | worker-1 | 4   | 8Gi    |
      | worker-2 | 4   | 8Gi    |
    And pod "solo" runs on node "worker-1"
    And the administrator creates this replica set:
      """yaml
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: web
      spec:
        replicas: 2
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
              - name: nginx
                image: nginx:1.27
                resources:
                  requests: {cpu: "3"}
      """
    And replica set "web" has 2 running pods
    And a node "worker-3" with "4" CPU and "8Gi" memory joins the cluster
    And node "worker-1" stops reporting right after a heartbeat
    When the node controller has tainted node "worker-1" with "node.kubernetes.io/unreachable:NoExecute"
    And the toleration has passed since the taint was added
    Then every pod of replica set "web" on node "worker-1" is marked for deletion by the taint manager
    And pod "solo" is marked for deletion by the taint manager
    And replica set "web" has 2 running pods
    And none of the running pods of replica set "web" is on node "worker-1"
    And the only pods left are those of replica set "web" and pod "solo"
    When node "worker-1" reports again
    Then pod "solo" does not exist

  @node-controller.keeps-apps-running @node-simulation
  Scenario: a node that reports again before the toleration runs out keeps its pods
    Given a cluster with these nodes:
      | name     | cpu | memory |
      | worker-1 | 4   | 8Gi    |
      | worker-2 | 4   | 8Gi    |
    And pod "solo" runs on node "worker-1"
    And node "worker-1" stops reporting right after a heartbeat
    When the node controller has tainted node "worker-1" with "node.kubernetes.io/unreachable:NoExecute"
    And half the toleration has passed since the taint was added
    And node "worker-1" reports again
    Then node "worker-1" has Ready condition "True"
    And node "worker-1" does not have the taint "node.kubernetes.io/unreachable:NoSchedule"
    When a node-monitor period passes
    Then node "worker-1" does not have the taint "node.kubernetes.io/unreachable:NoExecute"
    And pod "solo" has Ready condition "True"
    When the toleration has passed since the taint was added
    And a node-monitor period passes
    Then pod "solo" is still running on node "worker-1"

  # DefaultTolerationSeconds gives 300 s only to pods with no toleration of
  # their own for the taint: one without tolerationSeconds tolerates it for
  # ever. A pod beside it with the default toleration shows when the
  # toleration ran out.
  @node-controller.evicts-after-toleration @node-simulation
  Scenario: a pod that tolerates an unreachable node with no time limit is never evicted
    Given a cluster with these nodes:
      | name     |
      | worker-1 |
      | worker-2 |
    And pod "solo" runs on node "worker-1"
    And the administrator creates this pod:
      """yaml
      apiVersion: v1
      kind: Pod
      metadata:
        name: steadfast
      spec:
        nodeName: worker-1
        tolerations:
          - key: node.kubernetes.io/unreachable
            operator: Exists
            effect: NoExecute
        containers:
          - name: app
            image: nginx:1.27
      """
    And pod "steadfast" is in phase "Running"
    And node "worker-1" stops reporting right after a heartbeat
    When the node controller has tainted node "worker-1" with "node.kubernetes.io/unreachable:NoExecute"
    Then pod "solo" is marked for deletion by the taint manager once the toleration has passed since the taint was added
    And pod "steadfast" is still running on node "worker-1"
