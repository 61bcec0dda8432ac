@component:apiserver
Feature: Optimistic concurrency: a stale update is refused, never lost
  Every object carries the store revision it was last written at as its
  resourceVersion. An update that sends an older version than the stored
  one would overwrite someone else's change, so it is refused with 409
  Conflict and the client reads again.

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

  @apiserver.refuses-stale-updates
  Scenario: an update based on an old version is refused and the newer change is kept
    Given the version of config map "settings" is remembered
    When the administrator sets "mode" to "slow" in config map "settings"
    And the administrator tries to set "mode" to "paused" in config map "settings" sending the remembered version
    Then the request is refused with code 409 and reason "Conflict"
    And the refusal says 'Operation cannot be fulfilled on configmaps "settings": the object has been modified; please apply your changes to the latest version and try again'
    And config map "settings" has "mode" set to "slow"
