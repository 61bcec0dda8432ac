@component:scheduler
Feature: The scheduler only decides; the api-server binds and the kubelet runs
  The note (S1): the scheduler decides which node a pod goes to; it does
  not place or move anything itself. It asks the api-server to bind the
  pod (a Binding posted to the pod's `binding` subresource); the api-server
  stores the pod's node, and the kubelet of that node, watching, starts it.
  A client cannot set a pod's node by updating it: only a binding can.

  Background:
    Given a cluster with these nodes:
      | name     | cpu | memory |
      | worker-1 | 4   | 8Gi    |
      | worker-2 | 4   | 8Gi    |

  @scheduler.decides-only @scheduler.watches-for-unbound-pods @store-audit
  Scenario: the scheduler's only write to a pod is its binding
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
      """
    Then pod "web" is Running on one of the nodes
    And the scheduler's only writes to the store were the binding of pod "web" and events about it

  @scheduler.decides-only
  Scenario: the scheduler reports its decision, and nothing about starting the pod
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
      """
    Then pod "web" is Running on one of the nodes
    And the scheduler's events about pod "web" are:
      | type   | reason    | message                                         |
      | Normal | Scheduled | Successfully assigned default/web to <its node> |
    And every kubelet event about pod "web" comes from its node
