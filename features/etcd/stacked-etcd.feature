@component:etcd @stacked-etcd
Feature: Stacked etcd: each control-plane node runs its own etcd member
  With several control-plane (master) nodes, each node runs its own etcd
  member beside its own api-server (E3), and each api-server talks only to
  the member on its node. The members copy every change to one another, so
  whatever one node's api-server acknowledged, every node's api-server can
  read. The cluster keeps working while most members are up; without a
  majority it refuses writes rather than lose any.

  These scenarios start real etcd members, so they need an adapter that can
  stop and start them.

  Background:
    Given a cluster with 3 control-plane nodes, each running its own etcd member

  @store.member-per-control-plane-node
  Scenario: a change made through one control-plane node is read back through every other
    When the administrator creates config map "settings" through control-plane node "cp-1"
    Then config map "settings" can be read through control-plane nodes "cp-2" and "cp-3"

  @store.member-per-control-plane-node
  Scenario: with one member lost, the other control-plane nodes keep serving
    Given the administrator creates config map "before" through control-plane node "cp-1"
    When the etcd member of control-plane node "cp-1" stops
    And the administrator creates config map "after" through control-plane node "cp-2", retrying while the members elect a new leader
    Then config maps "before" and "after" can be read through control-plane node "cp-3"

  # A write refused because the members could not agree in time is not
  # acknowledged, but it is not known to have failed either: the surviving
  # member may have logged it, and etcd commits it once a majority is back.
  # Kubernetes answers such a request with a server error, and so does this
  # scenario; it checks only what is promised: nothing acknowledged is lost.
  @store.member-per-control-plane-node @store.write-acknowledged-after-commit
  Scenario: without a majority, writes are refused and nothing acknowledged is lost
    Given the administrator creates config map "before" through control-plane node "cp-1"
    When the etcd members of control-plane nodes "cp-1" and "cp-2" stop
    And the administrator tries to create config map "refused" through control-plane node "cp-3"
    Then the request fails with a server error
    When the etcd member of control-plane node "cp-1" starts again
    Then config map "before" can be read through control-plane node "cp-3"

  # Every api-server hands out Service cluster IPs; they keep what is taken
  # in etcd (as IPAddress objects), so a second node cannot give it again.
  @store.member-per-control-plane-node
  Scenario: a cluster IP taken through one control-plane node is taken for all of them
    When the administrator creates service "web" with cluster IP "10.96.0.50" through control-plane node "cp-1"
    And the administrator tries to create service "api" with cluster IP "10.96.0.50" through control-plane node "cp-2"
    Then the request is refused with code 422 and reason "Invalid"
    And the refusal says 'Service "api" is invalid: spec.clusterIPs: Invalid value: ["10.96.0.50"]: failed to allocate IP 10.96.0.50: provided IP is already allocated'
