// Command etcd is etcd's own main (go.etcd.io/etcd/server/v3/main.go), repeated here
// because that module's go.mod has replace directives, which `go install pkg@version`
// refuses: a wrapper module can depend on it at a pinned version instead.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
