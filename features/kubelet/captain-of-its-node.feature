@component:kubelet
Feature: The kubelet is the captain of its node
  Each node runs a kubelet (K1). It registers its Node with the api-server,
  says what the node can hold, and keeps saying that it is alive: it
  renews the node's Lease in kube-node-lease every Lease renewal period
  (10 seconds; the Lease lasts 40), which is the heartbeat the node
  controller watches.

  @kubelet.captain-of-its-node
  Scenario: a kubelet registers its node and keeps its Lease fresh
    Given a cluster with these nodes:
      | name     | cpu | memory |
      | worker-1 | 4   | 8Gi    |
    Then node "worker-1" has Ready condition "True"
    And node "worker-1" reports "4" CPU, "8Gi" memory and 110 pods
    And node "worker-1" has a Lease in "kube-node-lease" held by "worker-1" for the Lease duration
    When a Lease renewal period passes
    Then the Lease of node "worker-1" was renewed a Lease renewal period after the previous renewal

  @kubelet.learns-of-pods-by-watching @apiserver.binding-before-kubelet @store-audit
  Scenario: a kubelet learns of its pod by watching, after the binding is stored
    Given a user "alice" who signs in with the token "alice-token"
    And a cluster with these nodes:
      | name     |
      | worker-1 |
      | worker-2 |
    And "alice" has the cluster role "edit" in namespace "default"
    When "alice" creates a pod "web" running "nginx:1.27"
    Then pod "web" is Running on one of the nodes
    And the kubelet of each node watches the pods bound to it through the api-server
    And the kubelet of its node first wrote pod "web" after the binding was stored
    And no other node's kubelet wrote pod "web"
