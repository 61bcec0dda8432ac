@component:kubelet
Feature: The kubelet keeps reporting what happens to its pods
  After the container runtime has started a pod's containers (A2.4), the
  kubelet reports the pod's status through the api-server (A2.5) and keeps
  watching it (K4): a pull that fails, a container that crashes and is
  restarted with a growing back-off, a container that ends, a pod that is
  deleted. Everything here is read back through the API.

  Background:
    Given a user "alice" who signs in with the token "alice-token"
    And a cluster with these nodes:
      | name     |
      | worker-1 |
    And "alice" has the cluster role "edit" in namespace "default"

  @kubelet.reports-pod-state @kubelet.status-stored
  Scenario: a running pod's status says where and how it runs
    When "alice" creates a pod "web" running "nginx:1.27"
    Then pod "web" is in phase "Running"
    And pod "web" has Ready condition "True"
    And the container "nginx" of pod "web" is running image "nginx:1.27"
    And pod "web" has an IP address from its node's pod range
    And pod "web" reports its node's address as its host IP

  @kubelet.reports-pod-state @runtime-faults
  Scenario: an image that cannot be pulled leaves the pod Pending in ImagePullBackOff
    Given the image "nginx:no-such-tag" cannot be pulled
    When "alice" creates a pod "web" running "nginx:no-such-tag"
    Then the container "nginx" of pod "web" is waiting with reason "ImagePullBackOff"
    And pod "web" is in phase "Pending"
    And the events about pod "web" are, in each component's order:
      | reason    | from              | message                                                                                                                   |
      | Scheduled | default-scheduler | Successfully assigned default/web to <its node>                                                                           |
      | Pulling   | kubelet           | Pulling image "nginx:no-such-tag"                                                                                         |
      | Failed    | kubelet           | Failed to pull image "nginx:no-such-tag": failed to pull and unpack image "docker.io/library/nginx:no-such-tag": docker.io/library/nginx:no-such-tag: not found |
      | Failed    | kubelet           | Error: ErrImagePull                                                                                                       |
      | BackOff   | kubelet           | Back-off pulling image "nginx:no-such-tag"                                                                                |
      | Failed    | kubelet           | Error: ImagePullBackOff                                                                                                   |

  # The exact retry times are this kubelet's (a real kubelet adds jitter to
  # when it syncs the pod again), so the gate is the kubelet capability.
  @kubelet.reports-pod-state @runtime-faults @kubelet @virtual-time
  Scenario: the kubelet pulls again after a back-off that doubles: 10 s, then 20 s
    Given the image "nginx:no-such-tag" cannot be pulled
    When "alice" creates a pod "web" running "nginx:no-such-tag"
    And 9 seconds pass
    Then the kubelet has pulled image "nginx:no-such-tag" for pod "web" 1 time
    When 1 more second passes
    Then the kubelet has pulled image "nginx:no-such-tag" for pod "web" 2 times
    When 19 seconds pass
    Then the kubelet has pulled image "nginx:no-such-tag" for pod "web" 2 times
    When 1 more second passes
    Then the kubelet has pulled image "nginx:no-such-tag" for pod "web" 3 times
    And the container "nginx" of pod "web" is waiting with reason "ImagePullBackOff"

  # A container that exits 1 s after it starts: restarted at once the first
  # time, then after 10 s, then after 20 s (CrashLoopBackOff meanwhile).
  @kubelet.reports-pod-state @runtime-faults @kubelet @virtual-time
  Scenario: a crashing container is restarted with a back-off and shows CrashLoopBackOff
    Given containers of image "busybox:1.36" exit with code 1 soon after they start
    When "alice" creates a pod "web" running "busybox:1.36"
    And 30 seconds pass
    Then the container "busybox" of pod "web" is waiting with reason "CrashLoopBackOff"
    And the container "busybox" of pod "web" has restarted 2 times
    And the container "busybox" of pod "web" last terminated with exit code 1 and reason "Error"
    And pod "web" is in phase "Running"
    And pod "web" has Ready condition "False"
    And the kubelet recorded "BackOff" about pod "web": "Back-off restarting failed container busybox in pod web_default(<its uid>)"

  @kubelet.reports-pod-state @runtime-faults
  Scenario Outline: a container that ends under restartPolicy <policy> leaves the pod <phase>
    Given containers of image "busybox:1.36" exit with code <code> soon after they start
    When "alice" creates this pod:
      """yaml
      apiVersion: v1
      kind: Pod
      metadata:
        name: job
      spec:
        restartPolicy: <policy>
        containers:
          - name: busybox
            image: busybox:1.36
      """
    And the container "busybox" of pod "job" has ended
    Then pod "job" is in phase "<phase>"
    And the container "busybox" of pod "job" terminated with exit code <code> and reason "<reason>"
    And the container "busybox" of pod "job" has restarted 0 times

    Examples:
      | policy    | code | phase     | reason    |
      | Never     | 3    | Failed    | Error     |
      | OnFailure | 0    | Succeeded | Completed |

  @kubelet.reports-pod-state @store-audit
  Scenario: a deleted pod is stopped by its kubelet, which then removes it
    When "alice" creates a pod "web" running "nginx:1.27"
    And pod "web" is Running on one of the nodes
    And "alice" deletes pod "web"
    Then pod "web" does not exist
    And the kubelet recorded "Killing" about pod "web": "Stopping container nginx"
    And the last writes to pod "web" were its deletion mark on behalf of "alice" and its removal by the kubelet of its node
