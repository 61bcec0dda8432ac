@component:scheduler
Feature: The scheduler leaves out the nodes that cannot hold the pod
  The note (S2): the scheduler compares the pod's CPU and memory requests
  with the free CPU and memory of each node and drops the nodes that fall
  short. A node's free resources are what it can allocate minus what the
  pods already bound to it request. Kubernetes filters in the same way for
  the number of pods a node allows, and leaves out cordoned nodes and nodes
  with taints the pod does not tolerate.

  # The roomy node would win the ranking if it were not filtered out:
  # only the filter can send the pod to the node that fits exactly.
  @scheduler.filters-by-free-resources @scheduler.watches-for-unbound-pods
  Scenario Outline: a node short of <resource> is left out, however roomy it is otherwise
    Given a cluster with these nodes:
      | name     | cpu   | memory   |
      | roomy    | <cpu> | <memory> |
      | snug     | 2     | 2Gi      |
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
                cpu: "2"
                memory: 2Gi
      """
    Then pod "web" is bound to "snug"

    Examples:
      | resource | cpu | memory |
      | CPU      | 1   | 64Gi   |
      | memory   | 64  | 1Gi    |

  @scheduler.filters-by-free-resources
  Scenario Outline: what the pods already on a node request is not free
    Given a cluster with these nodes:
      | name     | cpu | memory |
      | worker-1 | 8   | 16Gi   |
      | worker-2 | 4   | 8Gi    |
    And the administrator creates this pod:
      """yaml
      apiVersion: v1
      kind: Pod
      metadata:
        name: batch
      spec:
        nodeName: worker-1
        containers:
          - name: job
            image: busybox:1.36
            resources:
              requests:
                cpu: "<batch cpu>"
                memory: <batch memory>
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
                cpu: "3"
                memory: 3Gi
      """
    Then pod "web" is bound to "worker-2"

    Examples:
      | batch cpu | batch memory |
      | 6         | 1Gi          |
      | 1         | 14Gi         |

  @scheduler.filters-by-free-resources
  Scenario Outline: a node that takes no new pods is left out: <why>
    Given a cluster with these nodes:
      | name     | cpu | memory |
      | worker-1 | 8   | 16Gi   |
      | worker-2 | 2   | 4Gi    |
    When <change>
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
      """
    Then pod "web" is bound to "worker-2"

    Examples:
      | why                          | change                                                                   |
      | it is cordoned               | the administrator cordons node "worker-1"                                |
      | it has a taint not tolerated | the administrator taints node "worker-1" with "dedicated=gpu:NoSchedule" |
