@component:scheduler
Feature: A pod can ask for nodes with certain labels, and the scheduler keeps it off the others
  Filtering (S2) leaves out more than the nodes short of CPU or memory. A
  pod's `nodeSelector` names labels its node must carry (`disk: ssd`), and
  its required node affinity gives terms over the node's labels (In,
  NotIn, Exists, DoesNotExist, Gt, Lt), one of which must hold. Kubernetes'
  NodeAffinity filter leaves out every other node, however roomy, with the
  reason `node(s) didn't match Pod's node affinity/selector`; it runs after
  the checks for cordons and taints and before the one for resources. A pod
  no labelled node can take waits, and is placed once an administrator
  labels a node (`kubectl label nodes worker-1 disk=ssd`).

  # The roomy node would win the ranking if it were not filtered out.
  @scheduler.filters-by-node-selector
  Scenario: a pod with nodeSelector disk=ssd runs only on the node labelled so
    Given a cluster with these nodes:
      | name     | cpu | memory | labels   |
      | roomy    | 16  | 64Gi   | disk=hdd |
      | fast     | 2   | 4Gi    | disk=ssd |
    When the administrator creates this pod:
      """yaml
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        nodeSelector:
          disk: ssd
        containers:
          - name: nginx
            image: nginx:1.27
      """
    Then pod "web" is bound to "fast"

  @scheduler.filters-by-node-selector
  Scenario: required node affinity needs one of its terms to hold, with every expression of that term
    Given a cluster with these nodes:
      | name  | cpu | memory | labels                |
      | gpu-a | 16  | 64Gi   | zone=a,gpu=yes        |
      | b     | 2   | 4Gi    | zone=b,cpus=4         |
      | c     | 16  | 64Gi   | zone=c,cpus=4         |
    When the administrator creates this pod:
      """yaml
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
                - matchExpressions:
                    - {key: zone, operator: In, values: [a, b]}
                    - {key: gpu, operator: DoesNotExist}
                - matchExpressions:
                    - {key: cpus, operator: Gt, values: ["8"]}
        containers:
          - name: nginx
            image: nginx:1.27
      """
    Then pod "web" is bound to "b"

  @scheduler.filters-by-node-selector @scheduler.watches-for-unbound-pods
  Scenario: a pod whose selector no node matches waits, and FailedScheduling names the selector
    Given a cluster with these nodes:
      | name     |
      | worker-1 |
      | worker-2 |
    When the administrator creates this pod:
      """yaml
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        nodeSelector:
          disk: ssd
        containers:
          - name: nginx
            image: nginx:1.27
      """
    Then pod "web" is not scheduled, with condition PodScheduled "False" and reason "Unschedulable"
    And the scheduler recorded FailedScheduling about pod "web", beginning "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector."
    When the administrator labels node "worker-2" with "disk=ssd"
    Then pod "web" is bound to "worker-2"

  # Kubernetes' filter order: NodeUnschedulable, TaintToleration, NodeAffinity,
  # NodeResourcesFit. A node is counted under the first filter that leaves it out.
  @scheduler.filters-by-node-selector @scheduler.filters-by-free-resources
  Scenario: each node is counted under the first filter that leaves it out, in Kubernetes' order
    Given a cluster with these nodes:
      | name    | cpu | memory | labels   |
      | tainted | 8   | 16Gi   |          |
      | small   | 1   | 16Gi   | disk=ssd |
      | plain   | 1   | 16Gi   |          |
    And the administrator taints node "tainted" with "dedicated=gpu:NoSchedule"
    When the administrator creates this pod:
      """yaml
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        nodeSelector:
          disk: ssd
        containers:
          - name: nginx
            image: nginx:1.27
            resources:
              requests:
                cpu: "2"
      """
    Then the scheduler recorded FailedScheduling about pod "web", beginning "0/3 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint(s)."

  @scheduler-explain @settings @scheduler.filters-by-node-selector
  Scenario: the explanation names the selector as the reason a node was left out
    Given the scheduler records why it placed each pod
    And a cluster with these nodes:
      | name     | cpu | memory | labels   |
      | worker-1 | 8   | 16Gi   |          |
      | worker-2 | 4   | 8Gi    | disk=ssd |
    When the administrator creates this pod:
      """yaml
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        nodeSelector:
          disk: ssd
        containers:
          - name: nginx
            image: nginx:1.27
            resources:
              requests:
                cpu: "1"
                memory: 2Gi
      """
    Then the scheduler's explanation for pod "web" is:
      | node     | fits | reasons                                           | NodeResourcesLeastAllocated | total |
      | worker-1 | no   | node(s) didn't match Pod's node affinity/selector |                             |       |
      | worker-2 | yes  |                                                   | 75                          | 75    |
    And pod "web" is bound to "worker-2"
