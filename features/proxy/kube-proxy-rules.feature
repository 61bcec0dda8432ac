@component:kube-proxy @proxy-rules @dataplane
Feature: kube-proxy maps a Service IP to pod IPs with iptables rules on every node
  kube-proxy runs on every node (P5). When a Service appears it writes
  rules on every node (P6) that forward traffic for the Service to its
  pods (P7), in iptables: KUBE-SERVICES matches the cluster IP and port,
  a KUBE-SVC chain picks one endpoint at random, and a KUBE-SEP chain
  rewrites the destination to that pod's IP and port (P8). So a packet a
  pod sends to the Service IP leaves with a pod IP, wherever that pod runs
  (P9). Where the packet goes is worked out from the rules themselves.

  # The rules and the routes are read from each node's kube-proxy, which
  # only a cluster that exposes them can show (capabilities proxy-rules, dataplane).

  Background:
    Given a cluster with these nodes:
      | name     |
      | worker-1 |
      | worker-2 |
      | worker-3 |
    And these pods run the web server:
      | name   | node     | port | labels     |
      | web-1  | worker-1 | 8080 | app=web    |
      | web-2  | worker-2 | 8080 | app=web    |
      | client | worker-3 | 9000 | app=client |
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

  @proxy.runs-on-every-node @proxy.writes-rules-per-service
  Scenario: a new Service gets the same rules on every node
    Then every node has rules for service "web" port "http"
    And the service rules are the same on every node

  @proxy.iptables-maps-service-ip
  Scenario: the rules rewrite the Service IP and port to each pod's IP and port
    Then node "worker-3" DNATs service "web" port "http" to pods "web-1" and "web-2" on port 8080

  @proxy.forwards-to-backends @proxy.rewrites-to-pod-ip
  Scenario: traffic to the Service IP from any node reaches its pods, evenly, on whichever node they run
    Then on every node, a connection from pod "client" to service "web" port 80 reaches "web-1" and "web-2", each with probability 1/2

  # With three endpoints the chain's probabilities are 1/3, 1/2 and the rest: a third each.
  @proxy.forwards-to-backends @proxy.rewrites-to-pod-ip
  Scenario: three pods share the traffic evenly, a third each
    Given these pods run the web server:
      | name  | node     | port | labels  |
      | web-3 | worker-3 | 8080 | app=web |
    Then on every node, a connection from pod "client" to service "web" port 80 reaches "web-1", "web-2" and "web-3", each with probability 1/3

  # A container that keeps crashing makes its pod not ready (runtime-faults); time must pass for it to crash.
  @proxy.forwards-to-backends @runtime-faults @virtual-time
  Scenario: a pod that is not ready gets no traffic
    Given containers of image "flaky-web:1.0" exit with code 1 soon after they start
    And these pods run the web server:
      | name  | node     | port | image         |
      | web-3 | worker-3 | 8080 | flaky-web:1.0 |
    When 3 seconds pass
    Then on every node, a connection from pod "client" to service "web" port 80 reaches "web-1" and "web-2", each with probability 1/2
    And the service rules are the same on every node

  @proxy.forwards-to-backends
  Scenario: a Service without endpoints is refused
    When the administrator deletes pod "web-1"
    And the administrator deletes pod "web-2"
    Then on every node, a connection from pod "client" to service "web" port 80 is refused

  # kube-proxy reads EndpointSlices, not Endpoints: a Service without a
  # selector gets its backends from slices written by hand, found by their
  # kubernetes.io/service-name label and merged; a not-ready one gets nothing.
  @proxy.reads-endpoint-slices @proxy.forwards-to-backends
  Scenario: a Service's backends are the ready endpoints of all its EndpointSlices
    When the administrator creates these objects:
      """yaml
      apiVersion: v1
      kind: Service
      metadata:
        name: db
      spec:
        ports:
          - name: pg
            port: 5432
      ---
      apiVersion: discovery.k8s.io/v1
      kind: EndpointSlice
      metadata:
        name: db-primary
        labels:
          kubernetes.io/service-name: db
      addressType: IPv4
      endpoints:
        - addresses: ["10.244.9.9"]
          conditions: {ready: true}
        - addresses: ["10.244.9.10"]
          conditions: {ready: false}
      ports:
        - name: pg
          port: 5432
      ---
      apiVersion: discovery.k8s.io/v1
      kind: EndpointSlice
      metadata:
        name: db-replica
        labels:
          kubernetes.io/service-name: db
      addressType: IPv4
      endpoints:
        - addresses: ["10.244.9.11"]
      ports:
        - name: pg
          port: 5432
      """
    Then on every node, a connection from pod "client" to service "db" port 5432 reaches the ready addresses of its endpoint slices

  @proxy.writes-rules-per-service
  Scenario: a Service that is removed leaves no rules behind
    When the administrator deletes service "web"
    Then a connection from pod "client" to pod "web-1" port 8080 is not rewritten on any node

  @network.pods-reach-across-nodes @network.internal-virtual-network
  Scenario: pods on different nodes reach each other directly over the pod network
    Then pods "web-1" and "client" have different IPs from their own nodes' pod ranges
    And a connection from pod "client" to pod "web-1" port 8080 is not rewritten on any node
