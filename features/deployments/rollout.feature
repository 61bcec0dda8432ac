@component:kube-controller-manager
Feature: A Deployment rolls its pods out through ReplicaSets
  A Deployment is one more object a controller watches and acts on (C1):
  the deployment controller, inside kube-controller-manager (C8), keeps
  one ReplicaSet per version of the pod template, named after the
  template's hash, and lets the ReplicaSet controller make the pods (C7:
  controllers build on each other through the API). A new template is
  rolled out by growing the new ReplicaSet and shrinking the old ones
  within the bounds the strategy sets; every rollout is a numbered
  revision that can be rolled back to.

  Background:
    Given a cluster with these nodes:
      | name     |
      | worker-1 |
      | worker-2 |

  @deployments.one-replicaset-per-template @controllers.same-pattern
  Scenario: a Deployment makes one ReplicaSet for its pod template, and that ReplicaSet makes the pods
    When the administrator creates this deployment:
      """yaml
      apiVersion: apps/v1
      kind: Deployment
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
    Then deployment "web" has 3 running pods of image "nginx:1.27"
    And the replica sets of deployment "web" are:
      | image      | replicas | revision | desired-replicas | max-replicas |
      | nginx:1.27 | 3        | 1        | 3                | 4            |
    And deployment "web" is at revision "1"
    And deployment "web" reports 3 replicas, 3 updated, 3 ready and 3 available, for its latest generation
    And deployment "web" has condition Available "True" with reason "MinimumReplicasAvailable" and message "Deployment has minimum availability."
    And deployment "web" has condition Progressing "True" with reason "NewReplicaSetAvailable" and message "ReplicaSet \"<new replica set>\" has successfully progressed."

  # minReadySeconds makes each new pod count as available only 10 s after
  # it is ready, so the rollout takes steps of virtual time and each step
  # can be looked at. 4 replicas, 1 surge, 1 unavailable: never more than
  # 5 pods, never fewer than 3 available.
  @deployments.rolling-update-within-bounds @virtual-time
  Scenario: a rolling update never runs more pods than replicas + maxSurge, nor fewer available than replicas - maxUnavailable
    Given the administrator creates this deployment:
      """yaml
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 4
        minReadySeconds: 10
        strategy:
          type: RollingUpdate
          rollingUpdate: {maxSurge: 1, maxUnavailable: 1}
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
    And the rollout of deployment "web" runs to completion, observed every 1 second
    When the administrator sets the image of container "nginx" in deployment "web" to "nginx:1.28"
    And the rollout of deployment "web" runs to completion, observed every 1 second
    Then at every observation deployment "web" had at most 5 pods and at least 3 of them available
    And the rollout went through at least 10 observations with pods of both images
    And deployment "web" has 4 running pods of image "nginx:1.28"
    And the replica sets of deployment "web" are:
      | image      | replicas | revision |
      | nginx:1.27 | 0        | 1        |
      | nginx:1.28 | 4        | 2        |
    And deployment "web" has condition Progressing "True" with reason "NewReplicaSetAvailable" and message "ReplicaSet \"<new replica set>\" has successfully progressed."

  # The same promise as any client watching the pods sees it, on whatever
  # clock the cluster keeps: after every change the watch reports, at most
  # replicas + maxSurge pods and at least replicas - maxUnavailable ready.
  @deployments.rolling-update-within-bounds
  Scenario: watched as it happens, a rolling update keeps within its bounds
    Given the administrator creates this deployment:
      """yaml
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 4
        strategy:
          type: RollingUpdate
          rollingUpdate: {maxSurge: 1, maxUnavailable: 1}
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
    And deployment "web" has 4 running pods of image "nginx:1.27"
    And the pods are watched from now on
    When the administrator sets the image of container "nginx" in deployment "web" to "nginx:1.28"
    Then deployment "web" has 4 running pods of image "nginx:1.28"
    And as the watch saw them, the pods never numbered more than 5 nor fewer than 3 ready, and pods of "nginx:1.27" and "nginx:1.28" ran side by side

  # The defaults, 25 % each way: 10 replicas may surge to 13 (2.5 rounded
  # up) and keep 8 available (2.5 rounded down).
  @deployments.rolling-update-within-bounds @virtual-time
  Scenario: with the default strategy, surge rounds up and unavailability rounds down
    Given the administrator creates this deployment:
      """yaml
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 10
        minReadySeconds: 5
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
    And the rollout of deployment "web" runs to completion, observed every 1 second
    When the administrator sets the image of container "nginx" in deployment "web" to "nginx:1.28"
    And the rollout of deployment "web" runs to completion, observed every 1 second
    Then at every observation deployment "web" had at most 13 pods and at least 8 of them available
    And the rollout went through at least 5 observations with pods of both images
    And the replica sets of deployment "web" are:
      | image      | replicas | revision | desired-replicas | max-replicas |
      | nginx:1.27 | 0        | 1        | 10               | 13           |
      | nginx:1.28 | 10       | 2        | 10               | 13           |

  @deployments.recreate-stops-old-pods-first
  Scenario: Recreate stops every old pod before the first new one is created
    Given the administrator creates this deployment:
      """yaml
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: db
      spec:
        replicas: 2
        strategy:
          type: Recreate
        selector:
          matchLabels: {app: db}
        template:
          metadata:
            labels: {app: db}
          spec:
            containers:
              - name: postgres
                image: postgres:16
      """
    And deployment "db" has 2 running pods of image "postgres:16"
    And the pods are watched from now on
    When the administrator sets the image of container "postgres" in deployment "db" to "postgres:17"
    Then deployment "db" has 2 running pods of image "postgres:17"
    And every pod of image "postgres:16" was gone before the first pod of image "postgres:17" was created
    And the replica sets of deployment "db" are:
      | image       | replicas | revision |
      | postgres:16 | 0        | 1        |
      | postgres:17 | 2        | 2        |
