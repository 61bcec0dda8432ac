@component:apiserver @component:service
Feature: A Service is an object in the cluster's state, with an IP outside the pod network
  The note says a Service is not a container and not part of the pod
  network (P3, P4): it is a virtual object. Creating one starts nothing;
  the api-server only records it and gives it a cluster IP from the
  service range, which no pod and no node's pod range uses.

  Background:
    Given a cluster with these nodes:
      | name     |
      | worker-1 |
      | worker-2 |

  @service.virtual-object @service.outside-pod-network
  Scenario: a new Service gets a cluster IP from the service range and nothing runs for it
    When the administrator creates this service:
      """yaml
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      spec:
        selector:
          app: web
        ports:
          - name: http
            port: 80
            targetPort: http
      """
    Then service "web" has a cluster IP from the service range
    And the cluster IP of service "web" is in no node's pod range
    And no pod was created for service "web"

  @service.virtual-object
  Scenario: a requested cluster IP is honoured, and free again once its Service is gone
    When the administrator creates this service:
      """yaml
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      spec:
        clusterIP: 10.96.100.100
        ports:
          - port: 80
      """
    Then service "web" has the cluster IP "10.96.100.100"
    When the administrator tries to create this service:
      """yaml
      apiVersion: v1
      kind: Service
      metadata:
        name: web-copy
      spec:
        clusterIP: 10.96.100.100
        ports:
          - port: 80
      """
    Then the request is refused with code 422 and reason "Invalid"
    And the refusal says 'Service "web-copy" is invalid: spec.clusterIPs: Invalid value: ["10.96.100.100"]: failed to allocate IP 10.96.100.100: provided IP is already allocated'
    When the administrator deletes service "web"
    And the administrator creates this service:
      """yaml
      apiVersion: v1
      kind: Service
      metadata:
        name: web-copy
      spec:
        clusterIP: 10.96.100.100
        ports:
          - port: 80
      """
    Then service "web-copy" has the cluster IP "10.96.100.100"

  @service.outside-pod-network
  Scenario: a cluster IP outside the service range is refused
    When the administrator tries to create this service:
      """yaml
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      spec:
        clusterIP: 10.244.0.9
        ports:
          - port: 80
      """
    Then the request is refused with code 422 and reason "Invalid"
    And the refusal says 'Service "web" is invalid: spec.clusterIPs: Invalid value: ["10.244.0.9"]: failed to allocate IP 10.244.0.9: the provided network does not match the current range'
