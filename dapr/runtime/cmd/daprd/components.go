package main

// The one list of the Dapr components the shop's sidecars can load: every component type in
// components/ and k8s/ must be here (k8s/test and dapr/test check it against
// `daprd --shop-components`). Adding a type here adds its module to the build.

import (
	"fmt"
	"sort"

	nrKubernetes "github.com/dapr/components-contrib/nameresolution/kubernetes"
	nrMdns "github.com/dapr/components-contrib/nameresolution/mdns"
	nrSqlite "github.com/dapr/components-contrib/nameresolution/sqlite"
	pubsubRedis "github.com/dapr/components-contrib/pubsub/redis"
	secretKubernetes "github.com/dapr/components-contrib/secretstores/kubernetes"
	secretFile "github.com/dapr/components-contrib/secretstores/local/file"
	statePgV1 "github.com/dapr/components-contrib/state/postgresql/v1"
	statePgV2 "github.com/dapr/components-contrib/state/postgresql/v2"
	"github.com/dapr/dapr/pkg/components"
	nrLoader "github.com/dapr/dapr/pkg/components/nameresolution"
	pubsubLoader "github.com/dapr/dapr/pkg/components/pubsub"
	secretstoresLoader "github.com/dapr/dapr/pkg/components/secretstores"
	stateLoader "github.com/dapr/dapr/pkg/components/state"
)

var registered []string

func note(kind string, names ...string) {
	for _, n := range names {
		registered = append(registered, kind+"."+n)
	}
}

func init() {
	// As upstream's state_postgres.go: v1 stays the default version, v2 is what the shop asks for.
	postgres := components.Versioning{
		Preferred: components.VersionConstructor{Version: "v2", Constructor: statePgV2.NewPostgreSQLStateStore},
		Others:    []components.VersionConstructor{{Version: "v1", Constructor: statePgV1.NewPostgreSQLStateStore}},
		Default:   "v1",
	}
	stateLoader.DefaultRegistry.RegisterComponentWithVersions("postgresql", postgres)
	stateLoader.DefaultRegistry.RegisterComponentWithVersions("postgres", postgres)
	note("state", "postgresql", "postgres")

	pubsubLoader.DefaultRegistry.RegisterComponent(pubsubRedis.NewRedisStreams, "redis")
	note("pubsub", "redis")

	secretstoresLoader.DefaultRegistry.RegisterComponent(secretFile.NewLocalSecretStore, "local.file")
	secretstoresLoader.DefaultRegistry.RegisterComponent(secretKubernetes.NewKubernetesSecretStore, "kubernetes")
	note("secretstores", "local.file", "kubernetes")

	// sqlite: several sidecars on one host (the local stack); mdns: opt-in locally;
	// kubernetes: the cluster.
	nrLoader.DefaultRegistry.RegisterComponent(nrSqlite.NewResolver, "sqlite")
	nrLoader.DefaultRegistry.RegisterComponent(nrMdns.NewResolver, "mdns")
	nrLoader.DefaultRegistry.RegisterComponent(nrKubernetes.NewResolver, "kubernetes")
	note("nameresolution", "sqlite", "mdns", "kubernetes")
}

func printComponents() {
	sort.Strings(registered)
	for _, r := range registered {
		fmt.Println(r)
	}
}
