@component:apiserver
Feature: The api-server is the cluster's front door
  Clients such as kubectl send every request to the api-server (A1). It
  answers in Kubernetes' own shapes: the object as stored, with the
  fields the server sets, or a Status that says what went wrong in
  Kubernetes' words.

  Background:
    Given a cluster with these nodes:
      | name     |
      | worker-1 |

  @apiserver.answers-in-kubernetes-shapes
  Scenario: a created object comes back with the fields the server sets
    When the administrator creates this config map:
      """yaml
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings}
      data: {mode: fast}
      """
    Then the answer is a ConfigMap with these fields:
      | field                      | value    |
      | apiVersion                 | v1       |
      | metadata.name              | settings |
      | metadata.namespace         | default  |
      | metadata.uid               | <set>    |
      | metadata.resourceVersion   | <set>    |
      | metadata.creationTimestamp | <set>    |
      | data.mode                  | fast     |

  @apiserver.answers-in-kubernetes-shapes
  Scenario: a list comes back as a typed list with the version it was read at
    When the administrator tries to list the config maps in namespace "kube-system"
    Then the answer is a ConfigMapList with these fields:
      | field                    | value |
      | apiVersion               | v1    |
      | metadata.resourceVersion | <set> |

  @apiserver.errors-are-status-objects
  Scenario: asking for an object that does not exist answers NotFound
    When the administrator tries to get pod "missing" in namespace "default"
    Then the request is refused with code 404 and reason "NotFound"
    And the refusal says 'pods "missing" not found'

  @apiserver.errors-are-status-objects
  Scenario: creating an object whose name is taken answers AlreadyExists
    Given the administrator creates this config map:
      """yaml
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings}
      """
    When the administrator tries to create this config map:
      """yaml
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings}
      """
    Then the request is refused with code 409 and reason "AlreadyExists"
    And the refusal says 'configmaps "settings" already exists'

  @apiserver.errors-are-status-objects
  Scenario: creating in a namespace that does not exist answers NotFound for the namespace
    When the administrator tries to create this config map:
      """yaml
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings, namespace: nowhere}
      """
    Then the request is refused with code 404 and reason "NotFound"
    And the refusal says 'namespaces "nowhere" not found'

  @apiserver.errors-are-status-objects
  Scenario: the namespaces the cluster needs cannot be deleted
    When the administrator tries to delete namespace "kube-system"
    Then the request is refused with code 403 and reason "Forbidden"
    And the refusal says 'namespaces "kube-system" is forbidden: this namespace may not be deleted'
