@component:apiserver
Feature: Events are selected by their fields
  A client reads what happened through Events, and selects them by field
  (A1): `kubectl get events --field-selector reason=FailedScheduling`, or,
  as `kubectl describe pod` does, the events about one object by its kind,
  name, namespace and uid. A field the api-server cannot select on is
  refused with 400, in Kubernetes' words.

  Background:
    Given a cluster with these nodes:
      | name     | cpu | memory |
      | worker-1 | 2   | 4Gi    |
    And pod "web" runs on node "worker-1"
    And the administrator creates this pod:
      """yaml
      apiVersion: v1
      kind: Pod
      metadata:
        name: big
      spec:
        containers:
          - name: nginx
            image: nginx:1.27
            resources:
              requests: {cpu: "4"}
      """
    And the scheduler recorded FailedScheduling about pod "big", beginning "0/1 nodes are available: 1 Insufficient cpu."

  @apiserver.selects-events-by-field
  Scenario: selecting by reason lists only those events
    When the administrator lists the events selected by "reason=FailedScheduling"
    Then the events listed all have reason "FailedScheduling" and are about pod "big"

  @apiserver.selects-events-by-field
  Scenario: selecting by the object they are about, as kubectl describe does
    When the administrator lists the events about pod "web" as kubectl describe selects them
    Then the events listed are all about pod "web", among them "Pulled" and "Started"
    When the administrator lists the events selected by "involvedObject.kind=Pod,involvedObject.name=big,type=Warning"
    Then the events listed all have reason "FailedScheduling" and are about pod "big"

  @apiserver.selects-events-by-field
  Scenario: a field events cannot be selected on is refused
    When the administrator tries to list the events selected by "message=Started"
    Then the request is refused with code 400 and reason "BadRequest"
    And the refusal says "field label not supported: message"
