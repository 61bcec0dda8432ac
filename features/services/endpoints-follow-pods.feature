@component:controller-manager @component:service
Feature: The endpoints of a Service follow its pods
  The endpoints controller in kube-controller-manager keeps, for every
  Service with a selector, an Endpoints object of the same name: the pods
  the selector matches, with their pod IPs and the port the Service
  targets. Only ready pods are listed as addresses; a pod that stops being
  ready moves to the not-ready list, and a pod that goes away leaves.

  Background:
    Given a cluster with these nodes:
      | name     |
      | worker-1 |
      | worker-2 |
    And these pods run the web server:
      | name  | node     | port |
      | web-1 | worker-1 | 8080 |
      | web-2 | worker-2 | 8080 |
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

  @proxy.forwards-to-backends
  Scenario: the ready pods that match the selector are the endpoints, on the named container port
    Then endpoints "web" list the ready pods "web-1" and "web-2"
    And endpoints "web" give port 8080 for each pod

  @proxy.forwards-to-backends
  Scenario: endpoints follow pods as they come and go
    Given these pods run the web server:
      | name  | node     | port |
      | web-3 | worker-1 | 8080 |
    Then endpoints "web" list the ready pods "web-1", "web-2" and "web-3"
    When the administrator deletes pod "web-2"
    Then endpoints "web" list the ready pods "web-1" and "web-3"

  # A selector with two labels: pods with only one of them are not the Service's.
  @proxy.forwards-to-backends
  Scenario: a pod is an endpoint only when it carries every label of the selector
    Given these pods run the web server:
      | name   | node     | port | labels               |
      | canary | worker-1 | 8080 | app=web,track=canary |
    When the administrator creates this service:
      """yaml
      apiVersion: v1
      kind: Service
      metadata:
        name: web-canary
      spec:
        selector:
          app: web
          track: canary
        ports:
          - name: http
            port: 80
            targetPort: http
      """
    Then endpoints "web-canary" list the ready pods "canary"
    And endpoints "web" list the ready pods "web-1", "web-2" and "canary"

  # A container that keeps crashing is not ready: its pod is listed, but not as an address.
  @proxy.forwards-to-backends @runtime-faults @virtual-time
  Scenario: a pod that is not ready is listed apart and gets no address
    Given containers of image "flaky-web:1.0" exit with code 1 soon after they start
    And these pods run the web server:
      | name  | node     | port | image         |
      | web-3 | worker-1 | 8080 | flaky-web:1.0 |
    When 3 seconds pass
    Then endpoints "web" list the ready pods "web-1" and "web-2"
    And endpoints "web" list the not-ready pods "web-3"
