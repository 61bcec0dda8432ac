@component:namespace-controller @component:apiserver
Feature: A deleted namespace is emptied, then goes
  Deleting a namespace does not remove it at once. The api-server marks it
  Terminating; from then on nothing new may be created in it (its
  NamespaceLifecycle admission refuses with 403 and the cause
  NamespaceTerminating). The namespace controller, one more controller of
  the same shape (C1, C7), deletes everything the namespace holds (pods
  first, then every other kind the api-server serves), and once it is
  empty takes its own finalizer, `kubernetes`, off the namespace; with no
  finalizer left the namespace is removed.

  Background:
    Given a cluster with these nodes:
      | name     |
      | worker-1 |
    And the administrator creates these objects:
      """yaml
      apiVersion: v1
      kind: Namespace
      metadata:
        name: shop
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: cart
        namespace: shop
      spec:
        containers:
          - name: nginx
            image: nginx:1.27
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: prices
        namespace: shop
      data:
        apple: "3"
      """

  @namespace-controller.empties-deleted-namespaces
  Scenario: a new namespace is Active and carries the namespace controller's finalizer
    Then namespace "shop" is Active, with the finalizer "kubernetes"

  @namespace-controller.empties-deleted-namespaces @controllers.same-pattern
  Scenario: a deleted namespace is Terminating until the namespace controller has emptied it; then it is gone
    When the administrator deletes namespace "shop"
    Then namespace "shop" is Terminating, with the finalizer "kubernetes"
    When the namespace controller has removed namespace "shop"
    Then namespace "shop" does not exist
    And namespace "shop" holds no pods any more
    And namespace "shop" holds no configmaps any more

  @apiserver.refuses-content-in-terminating-namespaces
  Scenario: nothing new may be created in a namespace that is being deleted
    When the administrator deletes namespace "shop"
    And the administrator tries to create this config map:
      """yaml
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: late
        namespace: shop
      """
    Then the request is refused with code 403 and reason "Forbidden"
    And the refusal says 'configmaps "late" is forbidden: unable to create new content in namespace shop because it is being terminated'
    And the refusal gives the cause "NamespaceTerminating": "namespace shop is being terminated"
