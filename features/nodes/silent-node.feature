@component:node-lifecycle-controller
Feature: A node that stops reporting is marked Unknown after the grace period
  The node controller checks every node once per node-monitor period (the
  note's 5 seconds, C4). It reads each node's heartbeats (the Ready
  condition and the node's Lease) through the api-server (C3), and only
  when a node has said nothing for longer than the grace period does it
  mark the node: 40 seconds in the note (C5), 50 seconds since Kubernetes
  1.32. It marks it at its first check after that, never before.

  # Boundary checks ("still Ready after exactly 40 s") need a clock the
  # suite can move; the settings must be the ones asked for.
  @node-controller.marks-after-grace @node-controller.checks-every-period @virtual-time @settings @node-simulation
  Scenario Outline: a silent node is still Ready at the grace period and Unknown at the next check (<source>)
    Given the node controller checks every <period> seconds with a grace period of <grace> seconds
    And a cluster with these nodes:
      | name     |
      | worker-1 |
      | worker-2 |
    And node "worker-1" stops reporting right after a heartbeat
    When <grace> seconds have passed since that heartbeat
    Then node "worker-1" has Ready condition "True"
    And node "worker-1" does not have the taint "node.kubernetes.io/unreachable:NoSchedule"
    When a node-monitor period passes
    Then node "worker-1" has these conditions:
      | type           | status  | reason            | message                              |
      | Ready          | Unknown | NodeStatusUnknown | Kubelet stopped posting node status. |
      | MemoryPressure | Unknown | NodeStatusUnknown | Kubelet stopped posting node status. |
      | DiskPressure   | Unknown | NodeStatusUnknown | Kubelet stopped posting node status. |
      | PIDPressure    | Unknown | NodeStatusUnknown | Kubelet stopped posting node status. |
    And node "worker-1" has the taint "node.kubernetes.io/unreachable:NoSchedule"
    And the node controller recorded "NodeNotReady" about node "worker-1": "Node worker-1 status is now: NodeNotReady"
    And node "worker-2" has Ready condition "True"

    Examples:
      | source          | period | grace |
      | the note        | 5      | 40    |
      | Kubernetes 1.32 | 5      | 50    |

  # The NoExecute taint, which starts the eviction countdown, is decided at
  # the check that marks the node: the controller queues the node for it
  # with the Ready condition the check has just written (monitorNodeHealth
  # passes currentReadyCondition to processTaintBaseEviction, since
  # kubernetes/kubernetes#120815; before, it came one check later), and the
  # tainting pass takes it from the queue within 100 ms.
  @node-controller.marks-after-grace @virtual-time @settings @node-simulation
  Scenario Outline: the NoExecute taint comes with the mark, at the same check (<source>)
    Given the node controller checks every <period> seconds with a grace period of <grace> seconds
    And a cluster with these nodes:
      | name     |
      | worker-1 |
      | worker-2 |
    And node "worker-1" stops reporting right after a heartbeat
    When <grace> seconds have passed since that heartbeat
    Then node "worker-1" does not have the taint "node.kubernetes.io/unreachable:NoExecute"
    When a node-monitor period passes
    Then node "worker-1" has Ready condition "Unknown"
    And node "worker-1" has the taint "node.kubernetes.io/unreachable:NoExecute"

    Examples:
      | source          | period | grace |
      | the note        | 5      | 40    |
      | Kubernetes 1.32 | 5      | 50    |

  # The same behaviour on any clock, in the cluster's own settings: on a
  # real clock the mark must not come before the grace period is over and
  # must come within a node-monitor period after (plus a stated slack, see
  # harness/support/windows.ts).
  @node-controller.marks-after-grace @node-controller.checks-every-period @node-simulation
  Scenario: a silent node is marked Unknown and tainted at the first check after the grace period
    Given a cluster with these nodes:
      | name     |
      | worker-1 |
      | worker-2 |
    And node "worker-1" stops reporting right after a heartbeat
    Then node "worker-1" is marked Unknown once the grace period has passed since that heartbeat
    And node "worker-1" has these conditions:
      | type           | status  | reason            | message                              |
      | Ready          | Unknown | NodeStatusUnknown | Kubelet stopped posting node status. |
      | MemoryPressure | Unknown | NodeStatusUnknown | Kubelet stopped posting node status. |
      | DiskPressure   | Unknown | NodeStatusUnknown | Kubelet stopped posting node status. |
      | PIDPressure    | Unknown | NodeStatusUnknown | Kubelet stopped posting node status. |
    And node "worker-1" has the taint "node.kubernetes.io/unreachable:NoSchedule"
    And node "worker-1" has the taint "node.kubernetes.io/unreachable:NoExecute"
    And the node controller recorded "NodeNotReady" about node "worker-1": "Node worker-1 status is now: NodeNotReady"
    And node "worker-2" has Ready condition "True"

  # Ready=False (the kubelet says it is not ready) is tainted not-ready
  # rather than unreachable, and needs no grace period: the node spoke.
  @node-controller.keeps-apps-running @node-simulation
  Scenario: a node that reports itself not ready is tainted not-ready
    Given a cluster with these nodes:
      | name     |
      | worker-1 |
      | worker-2 |
    And node "worker-1" stops reporting right after a heartbeat
    When node "worker-1" reports that it is not ready
    Then node "worker-1" has the taint "node.kubernetes.io/not-ready:NoSchedule"
    When a node-monitor period passes
    Then node "worker-1" has the taint "node.kubernetes.io/not-ready:NoExecute"
    And node "worker-1" does not have the taint "node.kubernetes.io/unreachable:NoExecute"

  @node-controller.reads-status-through-api @store-audit @node-simulation
  Scenario: the node controller learns of heartbeats and Leases only through the api-server
    Given a cluster with these nodes:
      | name     |
      | worker-1 |
    When 30 seconds pass
    Then "system:kube-controller-manager" read these through the api-server:
      | key starting with            |
      | /registry/minions/           |
      | /registry/leases/kube-node-lease/ |
    And every store access was made by the api-server on behalf of an authenticated user

  # A Node created by hand, with no kubelet behind it, never posts a status:
  # it is judged from its creation, with the longer startup grace (60 s).
  @node-controller.marks-after-grace @virtual-time
  Scenario: a node that never reported is marked after the startup grace period
    Given a cluster with these nodes:
      | name     |
      | worker-1 |
    When the administrator creates this node:
      """yaml
      apiVersion: v1
      kind: Node
      metadata:
        name: ghost
      """
    And 60 seconds pass
    Then node "ghost" has no conditions yet
    When a node-monitor period passes
    Then node "ghost" has these conditions:
      | type  | status  | reason                 | message                           |
      | Ready | Unknown | NodeStatusNeverUpdated | Kubelet never posted node status. |
    And node "ghost" has the taint "node.kubernetes.io/unreachable:NoSchedule"

  # The same on any clock, in the cluster's own settings. The controller
  # counts the startup grace period from the node's creationTimestamp
  # (tryUpdateNodeHealth), which is kept to the second, rounded down: the
  # window opens up to a second before the creation request was sent.
  @node-controller.marks-after-grace
  Scenario: a node that never reported is marked Unknown once the startup grace period has passed since it was created
    Given a cluster with these nodes:
      | name     |
      | worker-1 |
    When the administrator creates this node:
      """yaml
      apiVersion: v1
      kind: Node
      metadata:
        name: ghost
      """
    Then node "ghost" is marked Unknown once the startup grace period has passed since it was created
    And node "ghost" has these conditions:
      | type           | status  | reason                 | message                           |
      | Ready          | Unknown | NodeStatusNeverUpdated | Kubelet never posted node status. |
      | MemoryPressure | Unknown | NodeStatusNeverUpdated | Kubelet never posted node status. |
      | DiskPressure   | Unknown | NodeStatusNeverUpdated | Kubelet never posted node status. |
      | PIDPressure    | Unknown | NodeStatusNeverUpdated | Kubelet never posted node status. |
    And node "ghost" has the taint "node.kubernetes.io/unreachable:NoSchedule"
    And node "worker-1" has Ready condition "True"
