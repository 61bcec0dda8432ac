@component:disruption-controller @component:apiserver
Feature: A disruption budget says how many pods may go, and evictions obey it
  A PodDisruptionBudget selects pods and says how many must stay healthy
  (minAvailable) or how many may be down (maxUnavailable), as a count or a
  percentage. The disruption controller, one more controller of the same
  shape (C1, C7), counts the pods and writes what it found to the budget's
  status: the pods expected, the healthy ones, the healthy ones wanted,
  and how many disruptions are allowed, with the condition
  DisruptionAllowed. The api-server's Eviction subresource (A1) deletes a
  pod only when its budget allows one more disruption, and takes that
  disruption from the budget; otherwise it refuses with 429
  TooManyRequests, saying why.

  Background:
    Given a cluster with these nodes:
      | name     | cpu | memory |
      | worker-1 | 4   | 8Gi    |
      | worker-2 | 4   | 8Gi    |
    And the administrator creates this replica set:
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
            labels: {app: web, tier: front}
          spec:
            containers:
              - name: nginx
                image: nginx:1.27
      """
    And replica set "web" has 3 running pods

  # With a percentage, or with maxUnavailable, the pods expected are the
  # ReplicaSet's replicas; percentages of them are rounded up.
  @disruption.budget-counts-healthy-pods
  Scenario Outline: the budget's status counts the pods (<bound>)
    When the administrator creates this pod disruption budget:
      """yaml
      apiVersion: policy/v1
      kind: PodDisruptionBudget
      metadata:
        name: web
      spec:
        <bound>
        selector:
          matchLabels: {app: web}
      """
    Then pod disruption budget "web" counts:
      | field              | value           |
      | expectedPods       | 3               |
      | currentHealthy     | 3               |
      | desiredHealthy     | <desired>       |
      | disruptionsAllowed | <allowed>       |
      | observedGeneration | 1               |
      | DisruptionAllowed  | <condition>     |

    Examples:
      | bound                 | desired | allowed | condition           |
      | minAvailable: 2       | 2       | 1       | True/SufficientPods |
      | minAvailable: 3       | 3       | 0       | False/InsufficientPods |
      | minAvailable: "50%"   | 2       | 1       | True/SufficientPods |
      | maxUnavailable: 1     | 2       | 1       | True/SufficientPods |
      | maxUnavailable: "50%" | 1       | 2       | True/SufficientPods |

  # Healthy means Ready: a pod whose image cannot be pulled is expected, but not healthy.
  @disruption.budget-counts-healthy-pods @runtime-faults
  Scenario: a pod that is not ready is expected, but not counted healthy
    Given the image "registry.example/missing:1.0" cannot be pulled
    And the administrator creates this pod:
      """yaml
      apiVersion: v1
      kind: Pod
      metadata:
        name: stuck
        labels: {tier: front}
      spec:
        containers:
          - name: app
            image: registry.example/missing:1.0
      """
    And the container "app" of pod "stuck" is waiting with reason "ImagePullBackOff"
    When the administrator creates this pod disruption budget:
      """yaml
      apiVersion: policy/v1
      kind: PodDisruptionBudget
      metadata:
        name: front
      spec:
        minAvailable: 3
        selector:
          matchLabels: {tier: front}
      """
    Then pod disruption budget "front" counts:
      | field              | value                  |
      | expectedPods       | 4                      |
      | currentHealthy     | 3                      |
      | desiredHealthy     | 3                      |
      | disruptionsAllowed | 0                      |
      | DisruptionAllowed  | False/InsufficientPods |

  # The budgets below select tier=front, the ReplicaSet's pods and a bare
  # pod; the bare pod has no app=web label, or the ReplicaSet would adopt it.
  @disruption.budget-holds-back-evictions
  Scenario: an eviction the budget allows deletes the pod and uses one disruption up
    Given the administrator creates this pod disruption budget:
      """yaml
      apiVersion: policy/v1
      kind: PodDisruptionBudget
      metadata:
        name: web
      spec:
        minAvailable: 2
        selector:
          matchLabels: {tier: front}
      """
    And the administrator creates this pod:
      """yaml
      apiVersion: v1
      kind: Pod
      metadata:
        name: extra
        labels: {tier: front}
      spec:
        containers:
          - name: nginx
            image: nginx:1.27
      """
    And pod "extra" is in phase "Running"
    And pod disruption budget "web" counts:
      | field              | value |
      | expectedPods       | 4     |
      | currentHealthy     | 4     |
      | disruptionsAllowed | 2     |
    When the administrator evicts pod "extra"
    Then pod "extra" does not exist
    And pod disruption budget "web" counts:
      | field              | value |
      | currentHealthy     | 3     |
      | disruptionsAllowed | 1     |

  @disruption.budget-holds-back-evictions
  Scenario: an eviction that would leave too few healthy pods is refused with 429, and the pod stays
    Given the administrator creates this pod disruption budget:
      """yaml
      apiVersion: policy/v1
      kind: PodDisruptionBudget
      metadata:
        name: web
      spec:
        minAvailable: 4
        selector:
          matchLabels: {tier: front}
      """
    And the administrator creates this pod:
      """yaml
      apiVersion: v1
      kind: Pod
      metadata:
        name: lone
        labels: {tier: front}
      spec:
        nodeName: worker-1
        containers:
          - name: nginx
            image: nginx:1.27
      """
    And pod disruption budget "web" counts:
      | field              | value                  |
      | currentHealthy     | 4                      |
      | desiredHealthy     | 4                      |
      | disruptionsAllowed | 0                      |
      | DisruptionAllowed  | False/InsufficientPods |
    When the administrator tries to evict pod "lone"
    Then the request is refused with code 429 and reason "TooManyRequests"
    And the refusal says "Cannot evict pod as it would violate the pod's disruption budget."
    And the refusal gives the cause "DisruptionBudget": "The disruption budget web needs 4 healthy pods and has 4 currently"
    And pod "lone" is still running on node "worker-1"

  @disruption.budget-holds-back-evictions
  Scenario: a pod no budget covers is evicted at once, and told why it goes
    Given the administrator creates this pod:
      """yaml
      apiVersion: v1
      kind: Pod
      metadata:
        name: solo
        labels: {app: solo}
      spec:
        nodeName: worker-1
        containers:
          - name: nginx
            image: nginx:1.27
      """
    And pod "solo" is in phase "Running"
    And the pods labelled "app=solo" are watched
    When the administrator evicts pod "solo"
    Then pod "solo" does not exist
    And the watched pod "solo" was marked for deletion by the eviction API before it went
