@component:etcd
Feature: The store keeps every kind of cluster state
  The note says etcd keeps the data about nodes, pods, secrets, config
  maps, service accounts, roles and their bindings (E1). Kubernetes keeps
  each object under its own key below /registry; nodes live under
  "minions", their old name. What a client reads back through the API is
  what the store holds, at the revision the store committed it.

  Background:
    Given a cluster with these nodes:
      | name     |
      | worker-1 |

  @store.keeps-cluster-state @store-audit
  Scenario: each kind of object is stored under its own key and read back through the API
    When the administrator creates these objects:
      """yaml
      apiVersion: v1
      kind: Pod
      metadata: {name: web}
      spec:
        containers: [{name: nginx, image: "nginx:1.27"}]
      ---
      apiVersion: v1
      kind: Secret
      metadata: {name: db-password}
      type: Opaque
      data: {password: czNjcmV0}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings}
      data: {mode: fast}
      ---
      apiVersion: v1
      kind: ServiceAccount
      metadata: {name: builder}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: config-reader}
      rules:
        - {apiGroups: [""], resources: [configmaps], verbs: [get, list]}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: builder-reads-config}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: config-reader}
      subjects:
        - {kind: ServiceAccount, name: builder, namespace: default}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: node-reader}
      rules:
        - {apiGroups: [""], resources: [nodes], verbs: [get, list, watch]}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: ops-read-nodes}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: node-reader}
      subjects:
        - {kind: Group, apiGroup: rbac.authorization.k8s.io, name: ops}
      """
    Then the store holds them under these keys, each read back through the API at the revision it was committed:
      | kind               | name                 | key                                                 |
      | Node               | worker-1             | /registry/minions/worker-1                          |
      | Lease              | worker-1             | /registry/leases/kube-node-lease/worker-1           |
      | Namespace          | default              | /registry/namespaces/default                        |
      | Pod                | web                  | /registry/pods/default/web                          |
      | Secret             | db-password          | /registry/secrets/default/db-password               |
      | ConfigMap          | settings             | /registry/configmaps/default/settings               |
      | ServiceAccount     | builder              | /registry/serviceaccounts/default/builder           |
      | Role               | config-reader        | /registry/roles/default/config-reader               |
      | RoleBinding        | builder-reads-config | /registry/rolebindings/default/builder-reads-config |
      | ClusterRole        | node-reader          | /registry/clusterroles/node-reader                  |
      | ClusterRoleBinding | ops-read-nodes       | /registry/clusterrolebindings/ops-read-nodes        |
    And each object reads back through the API as it was written
