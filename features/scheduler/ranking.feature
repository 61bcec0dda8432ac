@component:scheduler
Feature: Among the nodes that fit, the one with the most left wins
  The note (S3, S4): the scheduler subtracts the pod's requests from each
  remaining node's free resources, ranks the nodes by what is left, and
  the pod goes to the highest-ranked node. Kubernetes scores what is left
  as a share of each node's capacity (LeastAllocated), for CPU and memory,
  and picks at random among nodes with the same best score. Its default
  profile also weighs balance (BalancedAllocation): a node whose CPU and
  memory would be used in the same proportion scores higher. The suite
  ranks as the note does unless a scenario asks for the "kubernetes" profile.

  @scheduler.ranks-by-what-is-left @scheduler.picks-highest-rank
  Scenario Outline: the node with the larger share left after the pod wins (<case>)
    Given a cluster with these nodes:
      | name     | cpu         | memory         |
      | worker-1 | <cpu 1>     | <memory 1>     |
      | worker-2 | <cpu 2>     | <memory 2>     |
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
                cpu: "1"
                memory: 1Gi
      """
    Then pod "web" is bound to "<winner>"

    Examples:
      | case                                | cpu 1 | memory 1 | cpu 2 | memory 2 | winner   |
      | more of both left                   | 2     | 4Gi      | 8     | 16Gi     | worker-2 |
      | more CPU left outweighs less memory | 16    | 4Gi      | 2     | 8Gi      | worker-1 |

  @scheduler.ranks-by-what-is-left @scheduler.picks-highest-rank
  Scenario: a node that is bigger but busier ranks below a smaller idle one
    Given a cluster with these nodes:
      | name  | cpu | memory |
      | big   | 8   | 16Gi   |
      | small | 4   | 8Gi    |
    And the administrator creates this pod:
      """yaml
      apiVersion: v1
      kind: Pod
      metadata:
        name: batch
      spec:
        nodeName: big
        containers:
          - name: job
            image: busybox:1.36
            resources:
              requests:
                cpu: "6"
                memory: 12Gi
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
                cpu: "1"
                memory: 1Gi
      """
    Then pod "web" is bound to "small"

  # Both big nodes score the same for every placement. kube-scheduler 1.37
  # breaks such a tie at random only between nodes that scheduler
  # extenders scored (pkg/scheduler/schedule_one.go); otherwise the first
  # of the best-scored nodes in its order wins. Either way the pod never
  # goes to a node that scored less.
  @scheduler.picks-highest-rank
  Scenario: equal nodes tie, and the pod goes to one of them, never to a lesser node
    Given a cluster with these nodes:
      | name     | cpu | memory |
      | worker-1 | 4   | 8Gi    |
      | worker-2 | 4   | 8Gi    |
      | tiny     | 1   | 2Gi    |
    When a pod like this is created and deleted 20 times:
      """yaml
      apiVersion: v1
      kind: Pod
      metadata:
        generateName: web-
      spec:
        containers:
          - name: nginx
            image: nginx:1.27
            resources:
              requests:
                cpu: 500m
                memory: 512Mi
      """
    Then every placement went to one of "worker-1" and "worker-2"

  # For a pod asking 1 CPU and 1Gi, "lopsided" keeps more of its resources
  # free (LeastAllocated 79, against 75 for "even"), but "even" would be used
  # evenly (BalancedAllocation 100, against 86): with balance counted too,
  # "even" wins 175 to 165. Needs a cluster whose profile can be chosen.
  @scheduler.ranks-by-what-is-left @scheduler.picks-highest-rank @settings
  Scenario Outline: the <profile> profile sends the pod to the <winner> node
    Given the scheduler ranks with the "<profile>" profile
    And a cluster with these nodes:
      | name     | cpu | memory |
      | even     | 4   | 4Gi    |
      | lopsided | 16  | 3Gi    |
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
                cpu: "1"
                memory: 1Gi
      """
    Then pod "web" is bound to "<winner>"

    Examples:
      | profile    | winner   |
      | note       | lopsided |
      | kubernetes | even     |
