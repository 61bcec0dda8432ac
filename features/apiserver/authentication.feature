@component:apiserver
Feature: Every request is authenticated first
  The api-server first checks who is asking (A2 step 1). A bearer token it
  does not know, or no token at all, is refused with 401 before anything
  else happens, and the store is never touched. With anonymous requests
  turned on (Kubernetes' default), a request without a token is the user
  system:anonymous, and authorization refuses it instead.

  Background:
    Given a user "alice" who signs in with the token "alice-token"

  @apiserver.authenticates-first @store-audit
  Scenario Outline: a request with a token the api-server cannot accept is refused with 401
    Given a cluster with these nodes:
      | name     |
      | worker-1 |
    When a client with the token "<token>" tries to list the pods in namespace "default"
    Then the request is refused with code 401 and reason "Unauthorized"
    And the store was not touched by that request

    Examples:
      | token                  |
      | not-a-real-token       |
      | alice-token-but-longer |
      | Bearer alice-token     |

  @apiserver.authenticates-first
  Scenario: a known token is accepted, and what the user may do is authorization's question
    Given a cluster with these nodes:
      | name     |
      | worker-1 |
    When a client with the token "alice-token" tries to list the pods in namespace "default"
    Then the request is refused with code 403 and reason "Forbidden"
    And the refusal says 'pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default"'

  # Needs an api-server whose --anonymous-auth can be switched on.
  @apiserver.authenticates-first @settings
  Scenario: with anonymous requests on, a request without a token is system:anonymous and is forbidden
    Given the api-server accepts anonymous requests
    And a cluster with these nodes:
      | name     |
      | worker-1 |
    When a client with no token tries to create a pod "web" running "nginx:1.27"
    Then the request is refused with code 403 and reason "Forbidden"
    And the refusal says 'pods is forbidden: User "system:anonymous" cannot create resource "pods" in API group "" in the namespace "default"'
