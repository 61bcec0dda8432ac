@component:node-lifecycle-controller
Feature: Zones limit how fast nodes are tainted, and a cluster-wide outage evicts nothing
  The NoExecute taint that starts evictions goes through a queue per zone
  (label topology.kubernetes.io/zone) that lets 0.1 nodes per second
  through, so nodes that fail together are tainted 10 seconds apart. When
  every node of every zone stops reporting, the controller assumes the
  problem is its own view of the cluster: it lifts the NoExecute taints and
  evicts nothing.

  @node-controller.keeps-apps-running @virtual-time @node-simulation
  Scenario: two nodes of one zone that fail together are tainted NoExecute 10 seconds apart
    Given a cluster with these nodes:
      | name     | zone   |
      | worker-1 | zone-a |
      | worker-2 | zone-a |
      | worker-3 | zone-a |
      | worker-4 | zone-b |
    And nodes "worker-1" and "worker-2" stop reporting right after a heartbeat
    When 2 minutes pass
    Then node "worker-1" has Ready condition "Unknown"
    And node "worker-2" has Ready condition "Unknown"
    Then node "worker-1" has the taint "node.kubernetes.io/unreachable:NoExecute"
    And node "worker-2" has the taint "node.kubernetes.io/unreachable:NoExecute"
    And the taint "node.kubernetes.io/unreachable:NoExecute" was added to node "worker-2" 10 seconds after the one on node "worker-1"

  @node-controller.keeps-apps-running @virtual-time @node-simulation
  Scenario: when every node stops reporting, no pod is evicted
    Given a cluster with these nodes:
      | name     | zone   |
      | worker-1 | zone-a |
      | worker-2 | zone-b |
    And pod "solo" runs on node "worker-1"
    When every node stops reporting
    And 10 minutes pass
    Then every node has Ready condition "Unknown"
    And no node has the taint "node.kubernetes.io/unreachable:NoExecute"
    And pod "solo" is still running on node "worker-1"

  # One zone lost while another is fine: that zone is fully disrupted, but
  # evictions go on there at the normal rate.
  @node-controller.evicts-after-toleration @virtual-time @node-simulation
  Scenario: a whole zone going down while another zone is fine still evicts its pods
    Given a cluster with these nodes:
      | name     | zone   |
      | worker-1 | zone-a |
      | worker-2 | zone-b |
    And pod "solo" runs on node "worker-1"
    And node "worker-1" stops reporting right after a heartbeat
    When 6 minutes pass
    Then pod "solo" is marked for deletion by the taint manager
