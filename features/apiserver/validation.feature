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
  Scenario: a pod with a bad name, a bad quantity and a missing image is refused with each cause
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
    Then the request is refused with code 422 and reason "Invalid"
    And the refusal names these fields:
      | field                                       | type              |
      | metadata.name                               | FieldValueInvalid |
      | spec.containers[0].resources.requests.cpu   | FieldValueInvalid |
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
