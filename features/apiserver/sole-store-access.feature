@component:apiserver @component:etcd
Feature: Only the api-server talks to the store
  The note says the api-server is the only component that talks to etcd
  (A3). The scheduler, the kubelets and the controllers each go through
  the api-server's API with their own identity; the api-server touches
  the store only on behalf of a request it has authenticated (or for its
  own bookkeeping, as system:apiserver). The store's access log shows it.

  Background:
    Given a user "alice" who signs in with the token "alice-token"
    And a cluster with these nodes:
      | name     |
      | worker-1 |
    And "alice" has the cluster role "edit" in namespace "default"

  # Reading who touched the store needs an adapter that logs store accesses.
  @apiserver.sole-store-access @store-audit
  Scenario: over a pod's whole life and a node's heartbeats, only the api-server touched the store
    When "alice" creates a pod "web" running "nginx:1.27"
    And pod "web" is Running on one of the nodes
    And 30 seconds pass
    And "alice" deletes pod "web"
    Then pod "web" does not exist
    And every store access was made by the api-server on behalf of an authenticated user
    And the store was written on behalf of each of:
      | alice                 |
      | system:kube-scheduler |
      | system:node:worker-1  |
