@component:node-lifecycle-controller
Feature: Zones limit how fast nodes are tainted, and a cluster-wide outage evicts nothing
  The NoExecute taint that starts evictions goes through a queue per zone
  (label topology.kubernetes.io/zone) that lets 0.1 nodes per second
  through, so nodes that fail together are tainted an eviction interval
  apart: 10 seconds. When every node of every zone stops reporting, the
  controller assumes the problem is its own view of the cluster: it lifts
  the NoExecute taints and evicts nothing.

  # Which of the two goes first is the queue's business (Kubernetes takes
  # them in no set order), so the scenario claims only the interval.
  @node-controller.keeps-apps-running @node-simulation
  Scenario: two nodes of one zone that fail together are tainted NoExecute an eviction interval apart
    Given a cluster with these nodes:
      | name     | zone   |
      | worker-1 | zone-a |
      | worker-2 | zone-a |
      | worker-3 | zone-a |
      | worker-4 | zone-b |
    And nodes "worker-1" and "worker-2" stop reporting right after a heartbeat
    When the node controller has tainted node "worker-1" with "node.kubernetes.io/unreachable:NoExecute"
    And the node controller has tainted node "worker-2" with "node.kubernetes.io/unreachable:NoExecute"
    Then node "worker-1" has Ready condition "Unknown"
    And node "worker-2" has Ready condition "Unknown"
    And the taint "node.kubernetes.io/unreachable:NoExecute" was added to nodes "worker-1" and "worker-2" an eviction interval apart

  # The node that goes down last is left out of the claim: Kubernetes
  # queues it for the taint at the check that marks it, and lifts taints
  # with each node as that check first listed it, so its tainting pass
  # (every 100 ms) may taint it in between, and nothing lifts that taint
  # later (node_lifecycle_controller.go: monitorNodeHealth, handleDisruption,
  # markNodeAsReachable). The node that went first had its taint before.
  @node-controller.keeps-apps-running @node-simulation
  Scenario: when every zone goes down, the NoExecute taint is lifted and no pod is evicted
    Given a cluster with these nodes:
      | name     | zone   |
      | worker-1 | zone-a |
      | worker-2 | zone-b |
    And pod "solo" runs on node "worker-1"
    And node "worker-1" stops reporting right after a heartbeat
    When the node controller has tainted node "worker-1" with "node.kubernetes.io/unreachable:NoExecute"
    And every node stops reporting
    And the grace period and the toleration pass
    Then every node has Ready condition "Unknown"
    And node "worker-1" does not have the taint "node.kubernetes.io/unreachable:NoExecute"
    And pod "solo" is still running on node "worker-1"

  # One zone lost while another is fine: that zone is fully disrupted, but
  # evictions go on there at the normal rate.
  @node-controller.evicts-after-toleration @node-simulation
  Scenario: a whole zone going down while another zone is fine still evicts its pods
    Given a cluster with these nodes:
      | name     | zone   |
      | worker-1 | zone-a |
      | worker-2 | zone-b |
    And pod "solo" runs on node "worker-1"
    And node "worker-1" stops reporting right after a heartbeat
    When the node controller has tainted node "worker-1" with "node.kubernetes.io/unreachable:NoExecute"
    Then pod "solo" is marked for deletion by the taint manager once the toleration has passed since the taint was added
