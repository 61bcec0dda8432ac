@component:etcd @component:apiserver
Feature: A change is done only once the store has committed it
  The note says an update counts as complete only once it is written to
  etcd (E2). The api-server answers a write only after the store's commit,
  with the revision of that commit as the object's resourceVersion. When
  the store cannot commit (an etcd that lost its quorum), the client gets
  a server error and nothing of the change is left behind.

  Background:
    Given a cluster with these nodes:
      | name     |
      | worker-1 |
    And the administrator creates this config map:
      """yaml
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings}
      data: {mode: fast}
      """

  @store.write-acknowledged-after-commit @store-audit
  Scenario: the answer to a write carries the revision the store committed it at
    When the administrator creates this config map:
      """yaml
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: limits}
      data: {max: "10"}
      """
    Then the answer's resourceVersion is the revision at which the store committed ConfigMap "limits"

  # Only an adapter that controls its store can make it refuse a commit.
  @store.write-acknowledged-after-commit @store-faults @store-audit
  Scenario: an update the store could not commit is an error and changes nothing
    When the store refuses the next commit
    And the administrator tries to set "mode" to "slow" in config map "settings"
    Then the request fails with a server error
    And config map "settings" has "mode" set to "fast"
    And the store committed no write for that request

  @store.write-acknowledged-after-commit @store-faults
  Scenario: a create the store could not commit leaves no object behind, and the next try succeeds
    When the store refuses the next commit
    And the administrator tries to create this config map:
      """yaml
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: limits}
      data: {max: "10"}
      """
    Then the request fails with a server error
    And config map "limits" does not exist
    When the administrator tries to create this config map:
      """yaml
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: limits}
      data: {max: "10"}
      """
    Then the request succeeds
