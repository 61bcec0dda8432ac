@component:scheduler
Feature: A pod no node can hold waits, and the scheduler says why
  When every node falls short, the pod stays unbound. The scheduler tells
  the user why with a FailedScheduling warning that counts the nodes by
  reason, sets the pod's PodScheduled condition to False with reason
  Unschedulable, and tries again when the cluster changes: a node joins,
  or a pod leaves and frees its resources.

  Background:
    Given a cluster with these nodes:
      | name     | cpu | memory |
      | worker-1 | 2   | 16Gi   |
      | worker-2 | 2   | 16Gi   |
      | worker-3 | 8   | 2Gi    |

  @scheduler.filters-by-free-resources
  Scenario: no node fits: FailedScheduling with a count of nodes per reason
    When the administrator creates this pod:
      """yaml
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        containers:
          - name: nginx
            image: nginx:1.27
            resources:
              requests:
                cpu: "4"
                memory: 4Gi
      """
    Then pod "web" is not scheduled, with condition PodScheduled "False" and reason "Unschedulable"
    And the scheduler recorded FailedScheduling about pod "web", beginning "0/3 nodes are available: 1 Insufficient memory, 2 Insufficient cpu."

  # Kubernetes runs NodeUnschedulable before the other filters, so a
  # cordoned node is counted under its own reason, whatever it has free.
  @scheduler.filters-by-free-resources
  Scenario: a cordoned node is counted as unschedulable, not as short of resources
    When the administrator cordons node "worker-3"
    And the administrator creates this pod:
      """yaml
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        containers:
          - name: nginx
            image: nginx:1.27
            resources:
              requests:
                cpu: "4"
                memory: 1Gi
      """
    Then pod "web" is not scheduled, with condition PodScheduled "False" and reason "Unschedulable"
    And the scheduler recorded FailedScheduling about pod "web", beginning "0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient cpu."

  @scheduler.watches-for-unbound-pods
  Scenario: a waiting pod is placed once a node that fits joins
    When the administrator creates this pod:
      """yaml
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        containers:
          - name: nginx
            image: nginx:1.27
            resources:
              requests:
                cpu: "4"
                memory: 4Gi
      """
    And the scheduler recorded FailedScheduling about pod "web", beginning "0/3 nodes are available: 1 Insufficient memory, 2 Insufficient cpu."
    And a node "worker-4" with "8" CPU and "16Gi" memory joins the cluster
    Then pod "web" is bound to "worker-4"

  @scheduler.watches-for-unbound-pods
  Scenario: a waiting pod is placed once another pod leaves and frees its node
    Given the administrator creates this pod:
      """yaml
      apiVersion: v1
      kind: Pod
      metadata:
        name: batch
      spec:
        nodeName: worker-3
        containers:
          - name: job
            image: busybox:1.36
            resources:
              requests:
                cpu: "6"
      """
    When the administrator creates this pod:
      """yaml
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        containers:
          - name: nginx
            image: nginx:1.27
            resources:
              requests:
                cpu: "4"
                memory: 1Gi
      """
    And the scheduler recorded FailedScheduling about pod "web", beginning "0/3 nodes are available: 3 Insufficient cpu."
    And the administrator deletes pod "batch"
    Then pod "web" is bound to "worker-3"
