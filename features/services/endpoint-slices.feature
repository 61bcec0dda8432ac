@component:controller-manager @component:service
Feature: EndpointSlices list the pods behind a Service
  Beside the Endpoints object, kube-controller-manager's EndpointSlice
  controller keeps, for every Service with a selector, EndpointSlices
  (discovery.k8s.io/v1): the pods the selector matches, each with its IP,
  its node, a reference to it, and whether it is ready, serving and
  terminating, on the ports the Service targets. A slice holds at most 100
  endpoints; a Service with more gets more slices. They are what kube-proxy
  reads to forward traffic to the pods (P7).

  Background:
    Given a cluster with these nodes:
      | name     |
      | worker-1 |
      | worker-2 |

  @endpointslices.follow-pods
  Scenario: the pods a Service selects are the endpoints of its slice, on the named container port
    Given these pods run the web server:
      | name  | node     | port |
      | web-1 | worker-1 | 8080 |
      | web-2 | worker-2 | 8080 |
    When the administrator creates this service:
      """yaml
      apiVersion: v1
      kind: Service
      metadata:
        name: web
        labels:
          tier: front
      spec:
        selector:
          app: web
        ports:
          - name: http
            port: 80
            targetPort: http
      """
    Then the endpoint slices of service "web" list the ready pods "web-1" and "web-2"
    And the endpoint slices of service "web" give each pod its IP, its node and port 8080
    And each endpoint slice of service "web" is named after it, labelled as its own, and owned by it

  @endpointslices.follow-pods
  Scenario: the slices follow pods as they come and go
    Given these pods run the web server:
      | name  | node     | port |
      | web-1 | worker-1 | 8080 |
      | web-2 | worker-2 | 8080 |
    And the administrator creates this service:
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
    When these pods run the web server:
      | name  | node     | port |
      | web-3 | worker-1 | 8080 |
    Then the endpoint slices of service "web" list the ready pods "web-1", "web-2" and "web-3"
    When the administrator deletes pod "web-2"
    Then the endpoint slices of service "web" list the ready pods "web-1" and "web-3"

  # A container that keeps crashing makes its pod not ready: it stays in the slice, marked so.
  @endpointslices.follow-pods @runtime-faults @virtual-time
  Scenario: a pod that is not ready stays in its slice, marked neither ready nor serving
    Given containers of image "flaky-web:1.0" exit with code 1 soon after they start
    And these pods run the web server:
      | name  | node     | port | image         |
      | web-1 | worker-1 | 8080 | nginx:1.27    |
      | web-2 | worker-2 | 8080 | flaky-web:1.0 |
    And the administrator creates this service:
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
    When 3 seconds pass
    Then the endpoint slices of service "web" list the ready pods "web-1"
    And the endpoint slices of service "web" list pod "web-2" as neither ready nor serving

  # The controller's --max-endpoints-per-slice is 100 by default.
  @endpointslices.follow-pods
  Scenario: a Service with more than 100 pods gets more than one slice
    Given 101 pods run the web server on node "worker-1"
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
    Then service "web" has 2 endpoint slices holding 101 endpoints together, none more than 100

  @endpointslices.follow-pods
  Scenario: a Service whose selector matches no pod keeps one empty slice, and none once it is gone
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
          - port: 80
      """
    Then service "web" has one endpoint slice, with no endpoints and no ports
    When the administrator deletes service "web"
    Then service "web" has no endpoint slices
