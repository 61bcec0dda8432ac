@component:apiserver
Feature: Anyone may ask the api-server what they are allowed to do
  `kubectl auth can-i` asks the api-server whether its user may do
  something, with a SelfSubjectAccessReview; an administrator may ask
  about anyone with a SubjectAccessReview. The api-server answers with the
  authorizers that judge every real request (A2.1): the same RBAC roles and
  bindings, so the answer is what a real request would meet. A review is a
  question, not an object: nothing is stored.

  Background:
    Given a user "alice" who signs in with the token "alice-token"
    And a cluster with these nodes:
      | name     |
      | worker-1 |
    And "alice" has the cluster role "edit" in namespace "default"

  @apiserver.answers-access-reviews
  Scenario Outline: a user asks what she may do, and the answer follows her role (<verb> <resource>)
    When "alice" asks whether she can <verb> <resource> in namespace "<namespace>"
    Then the answer is "<answer>"

    Examples:
      | verb   | resource          | namespace   | answer |
      | create | pods              | default     | yes    |
      | create | pods/eviction     | default     | yes    |
      | delete | replicasets.apps  | default     | yes    |
      | create | pods              | kube-system | no     |
      | create | roles.rbac.authorization.k8s.io | default | no |

  @apiserver.answers-access-reviews
  Scenario: a question about the cluster scope follows the cluster-wide bindings
    When "alice" asks whether she can list nodes
    Then the answer is "no"
    When the administrator asks whether they can list nodes
    Then the answer is "yes"

  @apiserver.answers-access-reviews
  Scenario: an administrator may ask about another user; that user may not ask about others
    When the administrator asks whether "alice" can get secrets in namespace "default"
    Then the answer is "yes"
    When the administrator asks whether "alice" can get secrets in namespace "kube-system"
    Then the answer is "no"
    When "alice" tries to ask whether "bob" can get secrets in namespace "default"
    Then the request is refused with code 403 and reason "Forbidden"
    And the refusal says 'subjectaccessreviews.authorization.k8s.io is forbidden: User "alice" cannot create resource "subjectaccessreviews" in API group "authorization.k8s.io" at the cluster scope'

  @apiserver.answers-access-reviews @store-audit
  Scenario: a review is answered, never stored
    When "alice" asks whether she can create pods in namespace "default"
    Then the answer is "yes"
    And the store committed no write for that request
