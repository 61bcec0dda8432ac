@component:kube-controller-manager
Feature: Controllers watch, compare and act, all inside kube-controller-manager
  A controller watches objects through the api-server, compares what is
  with what should be, and acts through the API (C1). The ReplicaSet
  controller is one more of the same kind as the node controller (C7). They
  all run in one process, kube-controller-manager, with one identity (C8).

  Background:
    Given a cluster with these nodes:
      | name     |
      | worker-1 |
      | worker-2 |

  @controllers.watch-and-act @controllers.same-pattern
  Scenario: the ReplicaSet controller keeps the number of pods it was asked for
    When the administrator creates this replica set:
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
    Then replica set "web" has 3 running pods
    And each pod of replica set "web" names it as its controlling owner
    When the administrator deletes one pod of replica set "web"
    Then the deleted pod is gone and another pod took its place
    And replica set "web" has 3 running pods
    When the administrator scales replica set "web" to 1
    Then replica set "web" has 1 running pod

  # With no grace period the pod is removed at once: the controller learns
  # of it only from the deletion itself, with no Terminating pod before.
  @controllers.watch-and-act
  Scenario: a pod of a ReplicaSet removed at once is replaced too
    When the administrator creates this replica set:
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
    Then replica set "web" has 2 running pods
    When the administrator deletes one pod of replica set "web" with no grace period
    Then the deleted pod is gone and another pod took its place
    And replica set "web" has 2 running pods

  @controllers.one-process @controllers.watch-and-act @store-audit @node-simulation
  Scenario: the node, taint-eviction and ReplicaSet controllers all act as kube-controller-manager
    Given pod "solo" runs on node "worker-1"
    And the administrator creates this replica set:
      """yaml
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: web
      spec:
        replicas: 1
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
    And node "worker-1" stops reporting right after a heartbeat
    When the node controller has tainted node "worker-1" with "node.kubernetes.io/unreachable:NoExecute"
    And the toleration has passed since the taint was added
    Then the events of "node-controller", "taint-eviction-controller" and "replicaset-controller" were all written on behalf of "system:kube-controller-manager"
    And the store shows these writes on behalf of "system:kube-controller-manager":
      | write  | key starting with           |
      | create | /registry/pods/default/web- |
      | update | /registry/minions/worker-1  |
      | update | /registry/pods/default/solo |
    And every store access was made by the api-server on behalf of an authenticated user
