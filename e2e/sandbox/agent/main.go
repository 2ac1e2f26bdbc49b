// Command kubedeck-sandbox-agent plays the parts of a kubelet (and of a storage driver)
// that kwok leaves to configuration: it gives every pod a scratch directory for `kubectl exec`, writes
// container logs that keep growing (and keeps the previous run's log when a container
// restarts, for `logs --previous`), and serves the small HTTP page that port-forwards
// reach. kwok serves the real kubelet API paths; this agent only prepares what they read,
// by creating kwok's per-pod Exec, Logs and Attach objects owned by the pod (so they are
// garbage-collected with it). It also provisions hostPath volumes for claims of the
// StorageClasses that name it (see provisioner.go).
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/clientcmd"
)

// A namespace with this label gets no per-pod objects or logs: benchmarks create tens
// of thousands of pods there, and they share the cluster-wide exec and logs defaults.
const lightLabel = "sandbox.kubedeck.dev/light"

var kwokGroup = schema.GroupVersion{Group: "kwok.x-k8s.io", Version: "v1alpha1"}

func main() {
	kubeconfig := flag.String("kubeconfig", "", "admin kubeconfig of the practice cluster")
	dir := flag.String("dir", "", "folder for pod scratch directories and logs")
	volumes := flag.String("volumes", "", "folder for dynamically provisioned volumes")
	httpAddr := flag.String("http-addr", "127.0.0.1:0", "address of the page that port-forwards reach")
	interval := flag.Duration("log-interval", 2*time.Second, "how often a running container writes a log line")
	sharedLog := flag.String("shared-log", "", "log shared by the pods the agent does not prepare (light namespaces)")
	oidcAddr := flag.String("oidc-addr", "", "address of the OpenID Connect issuer (off when empty)")
	oidcCert := flag.String("oidc-cert", "", "the issuer's TLS certificate (PEM); its RSA key also signs tokens")
	oidcKey := flag.String("oidc-key", "", "the issuer's RSA key (PEM)")
	oidcRefresh := flag.String("oidc-refresh-token", "", "the refresh token the issuer accepts")
	flag.Parse()
	if *kubeconfig == "" || *dir == "" || *volumes == "" {
		fmt.Fprintln(os.Stderr, "usage: kubedeck-sandbox-agent --kubeconfig FILE --dir DIR --volumes DIR [--http-addr HOST:PORT] [--shared-log FILE]")
		os.Exit(2)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	if err := serveHTTP(ctx, *httpAddr); err != nil {
		fatal("http server: %v", err)
	}

	if *oidcAddr != "" {
		if err := serveOIDC(ctx, *oidcAddr, *oidcCert, *oidcKey, *oidcRefresh); err != nil {
			fatal("oidc issuer: %v", err)
		}
	}

	// The agent starts before the control plane (the API server wants the issuer up), so
	// it waits for the cluster's kubeconfig to appear.
	for i := 0; ; i++ {
		if _, err := os.Stat(*kubeconfig); err == nil {
			break
		}
		if i == 3000 {
			fatal("no kubeconfig at %s after 5 minutes", *kubeconfig)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(100 * time.Millisecond):
		}
	}
	cfg, err := clientcmd.BuildConfigFromFlags("", *kubeconfig)
	if err != nil {
		fatal("kubeconfig %s: %v", *kubeconfig, err)
	}
	cfg.QPS, cfg.Burst = 200, 400
	a := &agent{
		root:    *dir,
		kube:    kubernetes.NewForConfigOrDie(cfg),
		dyn:     dynamic.NewForConfigOrDie(cfg),
		pods:    map[string]*podState{},
		created: map[string]bool{},
	}
	factory := informers.NewSharedInformerFactory(a.kube, 0)
	a.nsLister = factory.Core().V1().Namespaces().Lister()
	podInformer := factory.Core().V1().Pods().Informer()
	_, _ = podInformer.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    func(o any) { a.observe(ctx, o.(*corev1.Pod)) },
		UpdateFunc: func(_, o any) { a.observe(ctx, o.(*corev1.Pod)) },
		DeleteFunc: func(o any) {
			if t, ok := o.(cache.DeletedFinalStateUnknown); ok {
				o = t.Obj
			}
			if p, ok := o.(*corev1.Pod); ok {
				a.forget(p)
			}
		},
	})
	startProvisioner(ctx, a.kube, factory, *volumes)
	factory.Start(ctx.Done())
	factory.WaitForCacheSync(ctx.Done())
	fmt.Println("kubedeck-sandbox-agent: watching pods")

	ticker := time.NewTicker(*interval)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-ticker.C:
			a.writeLogLines(now)
			if *sharedLog != "" {
				appendShared(*sharedLog, now)
			}
		}
	}
}

func fatal(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "kubedeck-sandbox-agent: "+format+"\n", args...)
	os.Exit(1)
}

// serveHTTP answers port-forwarded connections with a small page naming the sandbox.
func serveHTTP(ctx context.Context, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	fmt.Printf("kubedeck-sandbox-agent: http on %s\n", ln.Addr())
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!doctype html><title>Welcome to the Kubedeck practice cluster</title>"+
			"<h1>Welcome to the Kubedeck practice cluster</h1><p>You reached this page through a port-forward (%s %s).</p>\n",
			r.Method, r.URL.Path)
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	go func() {
		<-ctx.Done()
		_ = srv.Close()
	}()
	return nil
}

// appendShared keeps the log of light-namespace pods growing, so `logs -f` shows life there too.
func appendShared(path string, now time.Time) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	defer f.Close()
	writeCRILine(f, now, now.UTC().Format(time.RFC3339)+" INFO  sandbox heartbeat")
}
