@component:apiserver
Feature: Watching from a resourceVersion: resume, or start over when history is gone
  Every component learns of changes by watching. A watch that names the
  resourceVersion it last saw receives every change since, in order, so a
  client that reconnects misses nothing. The api-server compacts the
  store's history every few minutes (--etcd-compaction-interval, 5 min);
  a watch from a version older than what is kept is ended with 410
  Expired, and the client must list again.

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
    And the version of config map "settings" is remembered

  @apiserver.watch-resumes-from-a-version
  Scenario: a watch from a remembered version receives every change since, in order
    When the administrator sets "mode" to "slow" in config map "settings"
    And the administrator sets "mode" to "paused" in config map "settings"
    And the administrator watches the config maps in namespace "default" from the remembered version
    Then the watch delivers, in order:
      | type     | mode   |
      | MODIFIED | slow   |
      | MODIFIED | paused |

  # Compaction runs on the api-server's timer; only a virtual clock makes it pass quickly.
  @apiserver.watch-resumes-from-a-version @virtual-time
  Scenario: a watch from a version older than the kept history is ended with 410 Expired
    When the administrator sets "mode" to "slow" in config map "settings"
    And two compaction intervals pass
    And the administrator watches the config maps in namespace "default" from the remembered version
    Then the watch is ended with code 410 and reason "Expired", saying the remembered version is too old
