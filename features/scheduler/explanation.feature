@component:scheduler
Feature: The scheduler can explain each decision
  For learners and for debugging, the scheduler can record on each pod
  how it decided: every node it checked, whether the node passed the
  filters and why not, each scoring plugin's score, the total, and the
  node chosen (as the Kubernetes scheduler simulator records with
  annotations). `npx kubespec schedule -f cluster.yaml pod.yaml` prints
  the same for a cluster described in a file.

  # Needs a scheduler that records explanations (`scheduler-explain`) and a
  # cluster that lets the scenario switch that on (`settings`).
  @scheduler-explain @settings @scheduler.ranks-by-what-is-left @scheduler.picks-highest-rank
  Scenario: the explanation shows what each node would have left
    Given the scheduler records why it placed each pod
    And a cluster with these nodes:
      | name     | cpu | memory |
      | worker-1 | 1   | 8Gi    |
      | worker-2 | 4   | 8Gi    |
      | worker-3 | 8   | 16Gi   |
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
                memory: 4Gi
      """
    Then the scheduler's explanation for pod "web" is:
      | node     | fits | reasons          | NodeResourcesLeastAllocated | total |
      | worker-1 | no   | Insufficient cpu |                             |       |
      | worker-2 | yes  |                  | 50                          | 50    |
      | worker-3 | yes  |                  | 75                          | 75    |
    And the scheduler's explanation for pod "web" names "worker-3" as chosen
    And pod "web" is bound to "worker-3"

  @scheduler-explain @settings @scheduler.filters-by-free-resources
  Scenario: the explanation of a pod that fits nowhere gives each node's reason
    Given the scheduler records why it placed each pod
    And a cluster with these nodes:
      | name     | cpu | memory |
      | worker-1 | 1   | 8Gi    |
      | worker-2 | 4   | 1Gi    |
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
    Then the scheduler's explanation for pod "web" is:
      | node     | fits | reasons             | NodeResourcesLeastAllocated | total |
      | worker-1 | no   | Insufficient cpu    |                             |       |
      | worker-2 | no   | Insufficient memory |                             |       |
    And pod "web" is not scheduled, with condition PodScheduled "False" and reason "Unschedulable"

  # kube-scheduler's default profile scores balance beside what is left
  # (see ranking.feature): each plugin gets its own column, and the total is
  # their sum (each with weight 1).
  @scheduler-explain @settings @scheduler.ranks-by-what-is-left @scheduler.picks-highest-rank
  Scenario: with the kubernetes profile, the explanation adds balance to what is left
    Given the scheduler ranks with the "kubernetes" profile
    And the scheduler records why it placed each pod
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
    Then the scheduler's explanation for pod "web" is:
      | node     | fits | reasons | NodeResourcesLeastAllocated | NodeResourcesBalancedAllocation | total |
      | even     | yes  |         | 75                          | 100                             | 175   |
      | lopsided | yes  |         | 79                          | 86                              | 165   |
    And pod "web" is bound to "even"
