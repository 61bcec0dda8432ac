@component:apiserver @component:scheduler @component:kubelet
Feature: Creating a pod, from the request to a running container
  The note walks through what happens when a user creates a pod (A2):
  the api-server checks who is asking, the scheduler picks a node, the
  binding is stored, the kubelet of that node has the container runtime
  start the image, and the kubelet reports the pod's status back. Nobody
  calls anybody: each component sees the change it cares about by watching
  the api-server, so the order is the one the cluster records.

  Background:
    Given a user "alice" who signs in with the token "alice-token"
    And a cluster with these nodes:
      | name     | cpu | memory |
      | worker-1 | 4   | 8Gi    |
      | worker-2 | 4   | 8Gi    |
    # RBAC: a signed-in user may do only what a role grants; "edit" lets alice manage pods in "default".
    And "alice" has the cluster role "edit" in namespace "default"

  @kubelet.runtime-starts-image @kubelet.status-stored
  Scenario: a pod created by a signed-in user ends up running on one node
    When "alice" creates this pod:
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
    And pod "web" has an IP address from its node's pod range
    And the container "nginx" of pod "web" is running image "nginx:1.27"

  # The scheduler and the kubelet record events independently, so only each
  # component's own events have an order that every cluster guarantees.
  @scheduler.watches-for-unbound-pods @kubelet.runtime-starts-image
  Scenario: the cluster's events tell the creation story, each component in its order
    When "alice" creates a pod "web" running "nginx:1.27"
    Then the events about pod "web" are, in each component's order:
      | reason    | from              | message                                         |
      | Scheduled | default-scheduler | Successfully assigned default/web to <its node> |
      | Pulling   | kubelet           | Pulling image "nginx:1.27"                      |
      | Pulled    | kubelet           | Successfully pulled image "nginx:1.27"          |
      | Created   | kubelet           | Created container nginx                         |
      | Started   | kubelet           | Started container nginx                         |
    And every kubelet event about pod "web" comes from its node

  @apiserver.binding-before-kubelet @kubelet.status-stored @store-audit
  Scenario: the store shows who wrote the pod, and when
    When "alice" creates a pod "web" running "nginx:1.27"
    Then the writes to pod "web" in the store were, in order:
      | write  | on behalf of             |
      | create | alice                    |
      | update | system:kube-scheduler    |
      | update | the kubelet of its node  |
    And no other node's kubelet wrote pod "web"

  @apiserver.authenticates-first
  Scenario Outline: a request without a valid token is refused before anything is stored
    When a client with <credentials> tries to create a pod "web" running "nginx:1.27"
    Then the request is refused with code 401 and reason "Unauthorized"
    And pod "web" does not exist

    Examples:
      | credentials                       |
      | no token                          |
      | the token "not-a-real-token"      |

  @apiserver.authenticates-first @store-audit
  Scenario: a refused request never reaches the store
    When a client with the token "not-a-real-token" tries to create a pod "web" running "nginx:1.27"
    Then the request is refused with code 401 and reason "Unauthorized"
    And the store was not touched by that request
