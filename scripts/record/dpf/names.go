// Records DPF's naming digests with Go's encoding/json + sha256, the same calls DPF's
// internal/digest (FromObjects, Short) makes. Run: go run names.go > ../../../test/dpf/fixtures/names.json
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
)

func fromObjects(objs ...any) string {
	h := sha256.New()
	enc := json.NewEncoder(h)
	for _, o := range objs {
		if err := enc.Encode(o); err != nil {
			panic(err)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

func applicationName(cluster, svc string) string {
	name := cluster + "-" + svc
	if len(name) <= 63 {
		return name
	}
	return name[:57] + "-" + fromObjects(cluster, svc)[:5]
}

type row struct {
	Cluster   string `json:"cluster"`
	Name      string `json:"name"`
	Namespace string `json:"namespace"`
	AppName   string `json:"applicationName"`
	ServiceID string `json:"serviceID"`
}

func main() {
	inputs := [][3]string{
		{"dpu-cplane-tenant1", "doca-hbn", "dpf-operator-system"},
		{"in-cluster", "dummydpuservice", "dummydpuservice"},
		{"dpu-cplane-tenant1", "a-very-long-dpuservice-name-that-pushes-the-application-name", "dpf-operator-system"},
		{"cluster-with-a-rather-long-name-0123456789", "service-with-a-long-name-abcdefghij", "ns"},
		{"c<&>", "x\u2028y", "weird\"ns"},
	}
	rows := []row{}
	for _, in := range inputs {
		rows = append(rows, row{in[0], in[1], in[2], applicationName(in[0], in[1]), fromObjects("DPUService.svc.dpu.nvidia.com", in[1], in[2])[:10]})
	}
	out, _ := json.MarshalIndent(rows, "", "  ")
	fmt.Fprintln(os.Stdout, string(out))
}
