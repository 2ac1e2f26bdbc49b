package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/kubernetes"
	corelisters "k8s.io/client-go/listers/core/v1"
)

type agent struct {
	root     string
	kube     kubernetes.Interface
	dyn      dynamic.Interface
	nsLister corelisters.NamespaceLister

	mu      sync.Mutex
	pods    map[string]*podState // by namespace/name
	created map[string]bool      // pod UIDs whose kwok objects exist
}

type podState struct {
	uid        string
	dir        string
	containers map[string]*containerState
}

type containerState struct {
	image    string
	running  bool
	restarts int32
	lines    int
}

func (a *agent) light(ns string) bool {
	n, err := a.nsLister.Get(ns)
	return err == nil && n.Labels[lightLabel] == "true"
}

// observe brings our view of a pod up to date: directories and kwok objects for a new
// pod, log rotation for a container that restarted.
func (a *agent) observe(ctx context.Context, p *corev1.Pod) {
	if p.Spec.NodeName == "" || p.DeletionTimestamp != nil || a.light(p.Namespace) {
		return
	}
	key := p.Namespace + "/" + p.Name
	a.mu.Lock()
	st := a.pods[key]
	if st == nil || st.uid != string(p.UID) {
		st = &podState{
			uid:        string(p.UID),
			dir:        filepath.Join(a.root, p.Namespace, p.Name+"_"+string(p.UID)),
			containers: map[string]*containerState{},
		}
		a.pods[key] = st
	}
	needObjects := !a.created[st.uid]
	a.created[st.uid] = true
	statuses := append(append([]corev1.ContainerStatus{}, p.Status.InitContainerStatuses...), p.Status.ContainerStatuses...)
	for _, c := range allContainers(p) {
		cs := st.containers[c.Name]
		if cs == nil {
			cs = &containerState{image: c.Image}
			st.containers[c.Name] = cs
			_ = os.MkdirAll(filepath.Join(st.dir, c.Name), 0o755)
		}
		for _, s := range statuses {
			if s.Name != c.Name {
				continue
			}
			if s.RestartCount > cs.restarts {
				a.rotate(st, c.Name, cs)
				cs.restarts = s.RestartCount
			}
			wasRunning := cs.running
			cs.running = s.State.Running != nil
			if cs.running && !wasRunning {
				a.appendLines(st, c.Name, startupLines(c, p))
			}
			if s.State.Terminated != nil && cs.lines == 0 {
				a.appendLines(st, c.Name, append(startupLines(c, p), fmt.Sprintf("%s exited with code %d", c.Name, s.State.Terminated.ExitCode)))
			}
		}
	}
	a.mu.Unlock()
	if needObjects {
		if err := a.createObjects(ctx, p, st.dir); err != nil {
			fmt.Fprintf(os.Stderr, "kubedeck-sandbox-agent: pod %s: %v\n", key, err)
			a.mu.Lock()
			delete(a.created, st.uid)
			a.mu.Unlock()
		}
	}
}

func (a *agent) forget(p *corev1.Pod) {
	key := p.Namespace + "/" + p.Name
	a.mu.Lock()
	defer a.mu.Unlock()
	if st := a.pods[key]; st != nil && st.uid == string(p.UID) {
		_ = os.RemoveAll(st.dir)
		delete(a.pods, key)
		delete(a.created, st.uid)
	}
}

func allContainers(p *corev1.Pod) []corev1.Container {
	return append(append([]corev1.Container{}, p.Spec.InitContainers...), p.Spec.Containers...)
}

func logPath(dir, container string) string { return filepath.Join(dir, container+".log") }
func previousLogPath(dir, container string) string {
	return filepath.Join(dir, container+".previous.log")
}

// rotate ends the current run's log the way a crashing program would and keeps it as
// the previous log, which is what `kubectl logs --previous` reads.
func (a *agent) rotate(st *podState, name string, cs *containerState) {
	a.appendLines(st, name, []string{
		"ERROR could not connect to upstream database at db:5432: connection refused",
		"FATAL giving up after 3 attempts, exiting with code 1",
	})
	_ = os.Rename(logPath(st.dir, name), previousLogPath(st.dir, name))
	cs.lines = 0
	cs.running = false
}

func (a *agent) appendLines(st *podState, name string, lines []string) {
	f, err := os.OpenFile(logPath(st.dir, name), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	defer f.Close()
	for _, l := range lines {
		writeCRILine(f, time.Now(), l)
	}
	st.containers[name].lines += len(lines)
}

// writeLogLines adds one line to the log of every running container.
func (a *agent) writeLogLines(now time.Time) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, st := range a.pods {
		for name, cs := range st.containers {
			if cs.running {
				a.appendLines(st, name, []string{logLine(cs.image, name, now, cs.lines)})
			}
		}
	}
}

// writeCRILine writes one line in the kubelet's CRI log format, which kwok parses (and
// which gives `kubectl logs --timestamps` and `--since` their data).
func writeCRILine(w io.Writer, t time.Time, line string) {
	fmt.Fprintf(w, "%s stdout F %s\n", t.UTC().Format(time.RFC3339Nano), line)
}

func startupLines(c corev1.Container, p *corev1.Pod) []string {
	ts := time.Now().UTC().Format(time.RFC3339)
	if isImage(c.Image, "nginx") {
		return []string{
			"/docker-entrypoint.sh: Configuration complete; ready for start up",
			ts + " [notice] 1#1: nginx/1.27.3",
			ts + " [notice] 1#1: start worker processes",
		}
	}
	return []string{
		fmt.Sprintf("%s INFO  starting %s (image %s) in pod %s/%s", ts, c.Name, c.Image, p.Namespace, p.Name),
		fmt.Sprintf("%s INFO  %s ready", ts, c.Name),
	}
}

var paths = []string{"/", "/index.html", "/api/items", "/healthz", "/api/orders/42", "/static/app.js"}

func logLine(image, name string, now time.Time, n int) string {
	path := paths[n%len(paths)]
	if isImage(image, "nginx") {
		status := 200
		if n%17 == 0 {
			status = 404
		}
		return fmt.Sprintf(`10.244.%d.%d - - [%s] "GET %s HTTP/1.1" %d %d "-" "Mozilla/5.0"`,
			n%4, 10+n%200, now.UTC().Format("02/Jan/2006:15:04:05 -0700"), path, status, 600+n%400)
	}
	level := "INFO "
	if n%23 == 0 {
		level = "WARN "
	}
	return fmt.Sprintf("%s %s %s handled GET %s in %dms (line %d)", now.UTC().Format(time.RFC3339Nano), level, name, path, 3+n%40, n+1)
}

func isImage(image, name string) bool {
	base := image[strings.LastIndex(image, "/")+1:]
	return base == name || strings.HasPrefix(base, name+":") || strings.HasPrefix(base, name+"@")
}

// createObjects makes kwok's per-pod Exec, Logs and Attach objects. Owned by the pod,
// they disappear with it.
func (a *agent) createObjects(ctx context.Context, p *corev1.Pod, dir string) error {
	owner := []any{map[string]any{
		"apiVersion": "v1", "kind": "Pod", "name": p.Name, "uid": string(p.UID),
	}}
	var execs, logs, attaches []any
	for _, c := range allContainers(p) {
		envs := []any{
			map[string]any{"name": "HOSTNAME", "value": p.Name},
			map[string]any{"name": "HOME", "value": filepath.Join(dir, c.Name)},
			map[string]any{"name": "POD_NAME", "value": p.Name},
			map[string]any{"name": "POD_NAMESPACE", "value": p.Namespace},
			map[string]any{"name": "CONTAINER_NAME", "value": c.Name},
			map[string]any{"name": "PS1", "value": p.Name + "$ "},
		}
		for _, e := range c.Env {
			if e.ValueFrom == nil {
				envs = append(envs, map[string]any{"name": e.Name, "value": e.Value})
			}
		}
		execs = append(execs, map[string]any{
			"containers": []any{c.Name},
			"local":      map[string]any{"workDir": filepath.Join(dir, c.Name), "envs": envs},
		})
		logs = append(logs, map[string]any{
			"containers":       []any{c.Name},
			"logsFile":         logPath(dir, c.Name),
			"previousLogsFile": previousLogPath(dir, c.Name),
			"follow":           true,
		})
		attaches = append(attaches, map[string]any{"containers": []any{c.Name}, "logsFile": logPath(dir, c.Name)})
	}
	for _, o := range []struct {
		kind, resource, field string
		items                 []any
	}{
		{"Exec", "execs", "execs", execs},
		{"Logs", "logs", "logs", logs},
		{"Attach", "attaches", "attaches", attaches},
	} {
		obj := &unstructured.Unstructured{Object: map[string]any{
			"apiVersion": kwokGroup.String(),
			"kind":       o.kind,
			"metadata": map[string]any{
				"name": p.Name, "namespace": p.Namespace, "ownerReferences": owner,
				"labels": map[string]any{"app.kubernetes.io/managed-by": "kubedeck-sandbox-agent"},
			},
			"spec": map[string]any{o.field: o.items},
		}}
		_, err := a.dyn.Resource(kwokGroup.WithResource(o.resource)).Namespace(p.Namespace).Create(ctx, obj, metav1.CreateOptions{})
		if apierrors.IsAlreadyExists(err) {
			// Left by an earlier agent for a pod of the same name: replace it only if it
			// belonged to another incarnation of the pod.
			old, getErr := a.dyn.Resource(kwokGroup.WithResource(o.resource)).Namespace(p.Namespace).Get(ctx, p.Name, metav1.GetOptions{})
			if getErr == nil && len(old.GetOwnerReferences()) == 1 && old.GetOwnerReferences()[0].UID == p.UID {
				continue
			}
			obj.SetResourceVersion(old.GetResourceVersion())
			_, err = a.dyn.Resource(kwokGroup.WithResource(o.resource)).Namespace(p.Namespace).Update(ctx, obj, metav1.UpdateOptions{})
		}
		if err != nil {
			return fmt.Errorf("create %s: %w", o.kind, err)
		}
	}
	return nil
}
