@component:apiserver @component:service
Feature: Every cluster has a Service named kubernetes in front of the api-server
  The api-server keeps a Service for itself in namespace default, as
  Kubernetes' bootstrap controller does: `kubernetes`, with the first
  address of the service range, port 443 named https, and no selector.
  Its endpoints are not pods but the address the api-server advertises,
  so a pod reaches the api-server through the Service like any other
  (P3, P4), wherever it runs.

  Background:
    Given a cluster with these nodes:
      | name     |
      | worker-1 |
      | worker-2 |

  @service.default-kubernetes-service
  Scenario: the kubernetes Service has the first address of the service range and points at the api-server
    Then service "kubernetes" has the first address of the service range as its cluster IP
    And service "kubernetes" has only port 443, named "https", and no selector
    And the endpoints and the endpoint slice of service "kubernetes" list the api-server's address on the port the Service targets

  # Where the packet goes is worked out from each node's rules (capabilities proxy-rules, dataplane).
  @service.default-kubernetes-service @proxy.reads-endpoint-slices @proxy-rules @dataplane
  Scenario: a pod reaches the api-server through the kubernetes Service from any node
    Given these pods run the web server:
      | name   | node     | port | labels     |
      | client | worker-2 | 9000 | app=client |
    Then on every node, a connection from pod "client" to service "kubernetes" port 443 reaches the ready addresses of its endpoint slices
