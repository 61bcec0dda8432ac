@component:node-lifecycle-controller @component:disruption-controller @component:apiserver
Feature: An operator cordons and drains a node, and the applications keep running
  Before taking a node out of service, an operator cordons it (kubectl
  cordon sets spec.unschedulable, and the node controller taints it
  node.kubernetes.io/unschedulable:NoSchedule, so the scheduler sends no
  new pod there) and drains it (kubectl drain cordons it, then evicts each
  of its pods through the api-server's Eviction subresource). An evicted
  pod of a ReplicaSet is re-created by that controller and placed on
  another node (C1, C7). A PodDisruptionBudget holds the drain back: an
  eviction that would leave fewer healthy pods than the budget asks for is
  refused with 429, and kubectl tries again until the replacements are
  ready. Afterwards kubectl uncordon lets pods come back.

  Background:
    Given a cluster with these nodes:
      | name     | cpu | memory |
      | worker-1 | 4   | 8Gi    |

  @nodes.cordon-keeps-new-pods-away
  Scenario: a cordoned node is tainted unschedulable until it is uncordoned
    When the administrator cordons node "worker-1"
    Then node "worker-1" is cordoned: unschedulable, and tainted "node.kubernetes.io/unschedulable:NoSchedule"
    When the administrator uncordons node "worker-1"
    Then node "worker-1" is schedulable and no longer tainted "node.kubernetes.io/unschedulable:NoSchedule"

  @nodes.drain-empties-the-node @controllers.same-pattern
  Scenario: a drained node ends empty and unschedulable, and the ReplicaSet's pods run elsewhere
    Given the administrator creates this replica set:
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
      """
    And replica set "web" has 2 running pods
    And a node "worker-2" with "4" CPU and "8Gi" memory joins the cluster
    When the administrator drains node "worker-1"
    Then the drain evicted 2 pods
    And the drain was never held back
    And node "worker-1" is cordoned: unschedulable, and tainted "node.kubernetes.io/unschedulable:NoSchedule"
    And node "worker-1" runs no pods
    And replica set "web" has 2 running pods
    And none of the running pods of replica set "web" is on node "worker-1"

  # minAvailable 2 of 3 allows one disruption at a time: the second and
  # third evictions are refused until the first pod's replacement is ready.
  @nodes.drain-empties-the-node @disruption.budget-holds-back-evictions
  Scenario: a disruption budget holds the drain back until the replacements are ready
    Given the administrator creates this replica set:
      """yaml
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: web
      spec:
        replicas: 3
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
              - name: nginx
                image: nginx:1.27
      """
    And the administrator creates this pod disruption budget:
      """yaml
      apiVersion: policy/v1
      kind: PodDisruptionBudget
      metadata:
        name: web
      spec:
        minAvailable: 2
        selector:
          matchLabels: {app: web}
      """
    And replica set "web" has 3 running pods
    And pod disruption budget "web" counts:
      | field              | value |
      | disruptionsAllowed | 1     |
    And a node "worker-2" with "4" CPU and "8Gi" memory joins the cluster
    And the pods labelled "app=web" are watched
    When the administrator drains node "worker-1"
    Then the drain evicted 3 pods
    And the drain was held back, at least once, with "Cannot evict pod as it would violate the pod's disruption budget. The disruption budget web needs 2 healthy pods and has 2 currently"
    And at no moment were fewer than 2 of the watched pods ready
    And node "worker-1" runs no pods
    And replica set "web" has 3 running pods
    And none of the running pods of replica set "web" is on node "worker-1"
