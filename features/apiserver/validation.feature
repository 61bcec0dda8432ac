@component:apiserver
Feature: Invalid objects are refused with every problem named
  After admission, the api-server validates the object. An invalid one is
  refused with 422 Invalid, with one cause per field in Kubernetes' words,
  and nothing is stored.

  Background:
    Given a cluster with these nodes:
      | name     |
      | worker-1 |

  @apiserver.refuses-invalid-objects
  Scenario: a pod with a bad name and a bad container name is refused with each cause
    When the administrator tries to create this pod:
      """yaml
      apiVersion: v1
      kind: Pod
      metadata: {name: Web_Server}
      spec:
        containers:
          - name: Nginx_1
            image: "nginx:1.27"
      """
    Then the request is refused with code 422 and reason "Invalid"
    And the refusal names these fields:
      | field                   | type              |
      | metadata.name           | FieldValueInvalid |
      | spec.containers[0].name | FieldValueInvalid |
    And pod "Web_Server" does not exist

  @apiserver.refuses-invalid-objects
  Scenario: a quantity the api-server cannot read is refused before validation looks at the pod
    A resource quantity is decoded with the body, before any validation:
    one that does not parse makes the body one the api-server cannot
    handle, so the bad name is never reported.
    When the administrator tries to create this pod:
      """yaml
      apiVersion: v1
      kind: Pod
      metadata: {name: Web_Server}
      spec:
        containers:
          - name: nginx
            image: "nginx:1.27"
            resources:
              requests: {cpu: lots}
      """
    Then the request is refused with code 400 and reason "BadRequest"
    And the refusal says:
      """
      Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'
      """
    And pod "Web_Server" does not exist

  # roleRef is a struct, so a binding without one has an empty roleRef:
  # its apiGroup is defaulted, its kind and name are each refused.
  @apiserver.refuses-invalid-objects
  Scenario: a role binding must say which role it binds
    When the administrator tries to create this role binding:
      """yaml
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: nobody}
      subjects:
        - {kind: User, name: alice}
      """
    Then the request is refused with code 422 and reason "Invalid"
    And the refusal names these fields:
      | field        | type                  |
      | roleRef.kind | FieldValueNotSupported |
      | roleRef.name | FieldValueRequired     |
