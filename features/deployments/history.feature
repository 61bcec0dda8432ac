@component:kube-controller-manager
Feature: A Deployment keeps its revisions, rolls back to them, and scales through its Scale
  Every rollout of a Deployment is a revision, kept as an old ReplicaSet
  scaled to 0 (up to revisionHistoryLimit of them). `kubectl rollout undo`
  puts an old ReplicaSet's template back into the Deployment, which the
  controller rolls out as the next revision (C1, C7). `kubectl scale` sets
  its size through the scale subresource, as for a ReplicaSet.

  Background:
    Given a cluster with these nodes:
      | name     |
      | worker-1 |
      | worker-2 |
    And the administrator creates this deployment:
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
    And deployment "web" has 3 running pods of image "nginx:1.27"

  @deployments.rollback-is-a-new-revision
  Scenario: rolling back restores the previous template as a new revision
    Given the administrator sets the image of container "nginx" in deployment "web" to "nginx:1.28"
    And deployment "web" has 3 running pods of image "nginx:1.28"
    When the administrator rolls deployment "web" back to its previous revision
    Then deployment "web" has 3 running pods of image "nginx:1.27"
    And the replica sets of deployment "web" are:
      | image      | replicas | revision | revision-history |
      | nginx:1.28 | 0        | 2        |                  |
      | nginx:1.27 | 3        | 3        | 1                |
    And deployment "web" is at revision "3"
    And deployment "web" reports 3 replicas, 3 updated, 3 ready and 3 available, for its latest generation

  @deployments.keeps-revision-history
  Scenario: only revisionHistoryLimit old ReplicaSets are kept, the oldest revisions go first
    Given the administrator creates this deployment:
      """yaml
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: api
      spec:
        replicas: 2
        revisionHistoryLimit: 1
        selector:
          matchLabels: {app: api}
        template:
          metadata:
            labels: {app: api}
          spec:
            containers:
              - name: api
                image: api:1
      """
    And deployment "api" has 2 running pods of image "api:1"
    And the administrator sets the image of container "api" in deployment "api" to "api:2"
    And deployment "api" has 2 running pods of image "api:2"
    When the administrator sets the image of container "api" in deployment "api" to "api:3"
    Then deployment "api" has 2 running pods of image "api:3"
    And the replica sets of deployment "api" are:
      | image | replicas | revision |
      | api:2 | 0        | 2        |
      | api:3 | 2        | 3        |

  @deployments.scales-through-its-scale
  Scenario: scaling a Deployment through its scale subresource resizes its ReplicaSet
    When the administrator scales deployment "web" to 5 through its scale subresource
    Then deployment "web" has 5 running pods of image "nginx:1.27"
    And the scale of deployment "web" wants 5 replicas, counts 5 and selects "app=web"
    And the replica sets of deployment "web" are:
      | image      | replicas | revision | desired-replicas | max-replicas |
      | nginx:1.27 | 5        | 1        | 5                | 7            |
    And deployment "web" is at revision "1"
    And deployment "web" reports 5 replicas, 5 updated, 5 ready and 5 available, for its latest generation
