@component:apiserver
Feature: Authorization: each identity may do what its roles allow, and nothing more
  After authentication the api-server asks its authorizers (Node, then
  RBAC) whether this user may do this verb on this resource here. A Role
  grants verbs on resources in one namespace; a RoleBinding gives it to
  users, groups or service accounts. A kubelet may change only its own
  node, its own Lease and the pods bound to it.

  Background:
    Given a user "alice" who signs in with the token "alice-token"
    And a cluster with these nodes:
      | name     |
      | worker-1 |
      | worker-2 |

  @apiserver.authorizes-every-request
  Scenario: a role grants its verbs in its namespace only
    Given the administrator creates this role:
      """yaml
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: config-reader, namespace: default}
      rules:
        - {apiGroups: [""], resources: [configmaps], verbs: [get, list]}
      """
    And the administrator creates this role binding:
      """yaml
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: alice-reads-config, namespace: default}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: config-reader}
      subjects:
        - {kind: User, apiGroup: rbac.authorization.k8s.io, name: alice}
      """
    When "alice" tries to list the config maps in namespace "default"
    Then the request succeeds
    When "alice" tries to list the config maps in namespace "kube-system"
    Then the request is refused with code 403 and reason "Forbidden"
    And the refusal says 'configmaps is forbidden: User "alice" cannot list resource "configmaps" in API group "" in the namespace "kube-system"'
    When "alice" tries to delete config map "kube-root-ca" in namespace "default"
    Then the request is refused with code 403 and reason "Forbidden"
    And the refusal says 'configmaps "kube-root-ca" is forbidden: User "alice" cannot delete resource "configmaps" in API group "" in the namespace "default"'

  @apiserver.authorizes-every-request
  Scenario: a kubelet may not change another node's status
    When the kubelet of "worker-1" tries to update the status of node "worker-2"
    Then the request is refused with code 403 and reason "Forbidden"
    And the refusal says 'nodes "worker-2" is forbidden: node "worker-1" is not allowed to modify node "worker-2"'

  @apiserver.authorizes-every-request
  Scenario: a kubelet may not renew another node's Lease
    When the kubelet of "worker-1" tries to update lease "worker-2" in namespace "kube-node-lease"
    Then the request is refused with code 403 and reason "Forbidden"
    And the refusal says 'leases.coordination.k8s.io "worker-2" is forbidden: User "system:node:worker-1" cannot update resource "leases" in API group "coordination.k8s.io" in the namespace "kube-node-lease": node: can only access node lease with the same name as the requesting node'

  @apiserver.authorizes-every-request
  Scenario: a kubelet may not report the status of a pod bound to another node
    Given pod "web" runs on node "worker-1"
    When the kubelet of "worker-2" tries to update the status of pod "web"
    Then the request is refused with code 403 and reason "Forbidden"
    And the refusal says 'pods "web" is forbidden: node "worker-2" can only update pod status for pods with spec.nodeName set to itself'

  @apiserver.authorizes-every-request
  Scenario: a control-plane component has only the access its work needs
    When the scheduler tries to list the secrets in namespace "default"
    Then the request is refused with code 403 and reason "Forbidden"
    And the refusal says 'secrets is forbidden: User "system:kube-scheduler" cannot list resource "secrets" in API group "" in the namespace "default"'
